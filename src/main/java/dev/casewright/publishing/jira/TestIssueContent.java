package dev.casewright.publishing.jira;

import dev.casewright.jira.AdfDocuments;
import dev.casewright.publishing.ScenarioToPublish;
import dev.casewright.publishing.Story;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a test issue says: its summary (the scenario's title, cut at a word to Jira's 255), its
 * description (the scenario in a {@code gherkin} code block, or a pointer to an attached
 * {@code .feature} when that would not fit) and its labels. Pure, so the shapes are tested
 * without Jira.
 */
final class TestIssueContent {

    static final int MAX_SUMMARY = 255;
    /** Every test issue Casewright creates carries it, so ours can be told from tests written by hand. */
    static final String MARKER_LABEL = "casewright";

    private static final Pattern NOT_LABEL = Pattern.compile("[\\s,]+");
    private static final int MAX_LABEL = 255;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * @param fields summary, description and labels for a create or an update
     * @param attachmentFileName when not null, the scenario did not fit in the description: attach
     *     {@link ScenarioToPublish#feature()} under this name
     */
    record Content(ObjectNode fields, @Nullable String attachmentFileName) {}

    private TestIssueContent() {}

    static Content of(Story story, ScenarioToPublish scenario) {
        ObjectNode fields = NODES.objectNode();
        fields.put("summary", summary(scenario.title()));
        AdfDocuments.FeatureDocument description =
                AdfDocuments.featureDocumentOrAttachment(scenario.featureName(), List.of(scenario.scenario()));
        fields.set("description", description.document());
        var labels = fields.putArray("labels");
        labels(story, scenario.tags()).forEach(labels::add);
        return new Content(fields, description.attachmentFileName());
    }

    /** The title on one line, cut at the last word that fits in Jira's 255 characters. */
    static String summary(String title) {
        String line = title.strip().replaceAll("\\s+", " ");
        if (line.isEmpty()) {
            return "Scenario";
        }
        if (line.length() <= MAX_SUMMARY) {
            return line;
        }
        int end = MAX_SUMMARY;
        if (Character.isLowSurrogate(line.charAt(end))) {
            end--;
        }
        int space = line.lastIndexOf(' ', end);
        String cut = space > MAX_SUMMARY / 2 ? line.substring(0, space) : line.substring(0, end);
        if (Character.isHighSurrogate(cut.charAt(cut.length() - 1))) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut.strip();
    }

    /**
     * The marker label, the story label (which finds a test again when the link to the story was
     * never made) and the scenario's tags without their {@code @}. Jira labels cannot hold spaces.
     */
    static List<String> labels(Story story, List<String> tags) {
        Set<String> labels = new LinkedHashSet<>();
        labels.add(MARKER_LABEL);
        labels.add(storyLabel(story));
        for (String tag : tags) {
            String label = NOT_LABEL
                    .matcher(tag.startsWith("@") ? tag.substring(1) : tag)
                    .replaceAll("-")
                    .strip();
            if (!label.isEmpty()) {
                labels.add(label.length() > MAX_LABEL ? label.substring(0, MAX_LABEL) : label);
            }
        }
        return List.copyOf(labels);
    }

    /** {@code casewright-shop-12}: what the tests of story SHOP-12 are labelled with. */
    static String storyLabel(Story story) {
        return MARKER_LABEL + "-" + story.key().toLowerCase(Locale.ROOT);
    }

    /** The text of the first code block in an ADF description (a Gherkin block first), else empty. */
    static String gherkinOf(@Nullable JsonNode description) {
        if (description == null) {
            return "";
        }
        String gherkin = firstCodeBlock(description, true);
        if (gherkin == null) {
            gherkin = firstCodeBlock(description, false);
        }
        return gherkin == null ? "" : gherkin;
    }

    private static @Nullable String firstCodeBlock(JsonNode node, boolean gherkinOnly) {
        if ("codeBlock".equals(node.path("type").asString(""))) {
            String language = node.path("attrs").path("language").asString("");
            if (!gherkinOnly || "gherkin".equalsIgnoreCase(language)) {
                StringBuilder text = new StringBuilder();
                node.path("content")
                        .forEach(part -> text.append(part.path("text").asString("")));
                return text.toString();
            }
        }
        for (JsonNode child : node.path("content")) {
            String found = firstCodeBlock(child, gherkinOnly);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
