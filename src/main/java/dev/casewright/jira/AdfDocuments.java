package dev.casewright.jira;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the ADF documents we write to Jira: descriptions, comments and text-area fields with
 * generated Gherkin.
 *
 * <p>Only a conservative subset of ADF is produced ({@code doc}, {@code paragraph}, {@code text},
 * {@code hardBreak}, {@code heading}, {@code bulletList}, {@code listItem}, {@code codeBlock}), and
 * always in a shape the schema accepts: no empty text nodes, code blocks hold one unmarked text
 * node, lists hold at least one item. Block builders return nodes to pass to {@link #document};
 * {@link #featureDocument} and {@link #featureDocumentOrAttachment} return whole documents.
 */
public final class AdfDocuments {

    /**
     * Jira rejects a description, comment or text field longer than this ("The entered text is too
     * long. It exceeds the allowed limit of 32,767 characters").
     */
    public static final int MAX_FIELD_CHARACTERS = 32_767;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t\\x0B\\f]*\\n\\s*");
    private static final Pattern NOT_SLUG = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final int MAX_SLUG_LENGTH = 80;
    private static final int MAX_HEADING_LENGTH = 255;

    /**
     * A document to write, and whether the full feature must go alongside it as an attachment.
     *
     * @param document the ADF document for the field
     * @param attachmentFileName when not {@code null}, the feature did not fit: attach the full
     *     {@code .feature} file under this name, because the document only points to it
     */
    public record FeatureDocument(
            ObjectNode document, @Nullable String attachmentFileName) {

        public boolean needsAttachment() {
            return attachmentFileName != null;
        }
    }

    private AdfDocuments() {}

    /** A {@code doc} node holding the given blocks in order. */
    public static ObjectNode document(List<? extends JsonNode> blocks) {
        ObjectNode document = NODES.objectNode();
        document.put("type", "doc");
        document.put("version", 1);
        ArrayNode content = document.putArray("content");
        blocks.forEach(content::add);
        return document;
    }

    public static ObjectNode document(JsonNode... blocks) {
        return document(Arrays.asList(blocks));
    }

    /**
     * Paragraphs from plain text: a blank line separates paragraphs, a single newline becomes a
     * hard break. Blank text gives no paragraphs.
     */
    public static List<ObjectNode> paragraphs(String text) {
        String normalised = normaliseNewlines(text).strip();
        List<ObjectNode> paragraphs = new ArrayList<>();
        if (normalised.isEmpty()) {
            return paragraphs;
        }
        for (String paragraph : BLANK_LINES.split(normalised)) {
            ObjectNode node = node("paragraph");
            ArrayNode content = node.putArray("content");
            String[] lines = paragraph.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    content.add(node("hardBreak"));
                }
                addText(content, MarkdownSyntax.stripTrailing(lines[i]));
            }
            paragraphs.add(node);
        }
        return paragraphs;
    }

    /**
     * A heading of level 1 to 6. Line breaks become spaces: a heading is one line.
     *
     * @throws IllegalArgumentException if the level is outside 1 to 6
     */
    public static ObjectNode heading(int level, String text) {
        if (level < 1 || level > 6) {
            throw new IllegalArgumentException("A heading level is 1 to 6, not " + level);
        }
        ObjectNode heading = node("heading");
        heading.putObject("attrs").put("level", level);
        addText(heading.putArray("content"), oneLine(text));
        return heading;
    }

    /**
     * A bullet list with one item per string; newlines inside an item become hard breaks.
     *
     * @throws IllegalArgumentException if there are no items: ADF lists need at least one
     */
    public static ObjectNode bulletList(List<String> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("A bullet list needs at least one item");
        }
        ObjectNode list = node("bulletList");
        ArrayNode content = list.putArray("content");
        for (String item : items) {
            ObjectNode paragraph = node("paragraph");
            ArrayNode inline = paragraph.putArray("content");
            String[] lines = normaliseNewlines(item).strip().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    inline.add(node("hardBreak"));
                }
                addText(inline, lines[i].strip());
            }
            ObjectNode listItem = node("listItem");
            listItem.putArray("content").add(paragraph);
            content.add(listItem);
        }
        return list;
    }

    /** A code block holding {@code code} unchanged, apart from {@code \r\n} becoming {@code \n}. */
    public static ObjectNode codeBlock(@Nullable String language, String code) {
        ObjectNode block = node("codeBlock");
        if (language != null && !language.isBlank()) {
            block.putObject("attrs").put("language", language.strip());
        }
        ArrayNode content = block.putArray("content");
        addText(content, normaliseNewlines(code));
        return block;
    }

    /**
     * The feature as a document: its name as a heading, then each scenario in its own Gherkin code
     * block, so Jira shows them separately and each can be copied on its own.
     */
    public static ObjectNode featureDocument(String featureName, List<String> scenarios) {
        List<JsonNode> blocks = new ArrayList<>();
        blocks.add(heading(2, shortened(featureName)));
        for (String scenario : scenarios) {
            if (!scenario.isBlank()) {
                blocks.add(codeBlock("gherkin", scenario));
            }
        }
        return document(blocks);
    }

    /**
     * {@link #featureDocument} when it fits in a Jira field; otherwise a short document that names
     * the feature, lists its scenarios' titles when those fit, and says the full feature is in the
     * attached {@code .feature} file, whose name the result carries.
     */
    public static FeatureDocument featureDocumentOrAttachment(String featureName, List<String> scenarios) {
        ObjectNode full = featureDocument(featureName, scenarios);
        if (fitsInField(full)) {
            return new FeatureDocument(full, null);
        }
        String fileName = featureFileName(featureName);
        List<String> titles = scenarios.stream()
                .filter(scenario -> !scenario.isBlank())
                .map(AdfDocuments::firstLine)
                .toList();
        List<JsonNode> blocks = new ArrayList<>();
        blocks.add(heading(2, shortened(featureName)));
        blocks.addAll(paragraphs("The feature has " + titles.size() + (titles.size() == 1 ? " scenario" : " scenarios")
                + " and is too long for this field. The full feature is in the attached file " + fileName + "."));
        ObjectNode withTitles = document(withAll(blocks, bulletListOrNothing(titles)));
        return new FeatureDocument(fitsInField(withTitles) ? withTitles : document(blocks), fileName);
    }

    /** Whether Jira will accept the document in a description, comment or text-area field. */
    public static boolean fitsInField(JsonNode document) {
        return serialisedLength(document) <= MAX_FIELD_CHARACTERS;
    }

    /**
     * The length of the document as JSON, which is what Jira measures against {@link
     * #MAX_FIELD_CHARACTERS}: it is never shorter than the text, so a document that fits by this
     * measure fits whichever Jira counts.
     */
    public static int serialisedLength(JsonNode document) {
        return JsonMapper.shared().writeValueAsString(document).length();
    }

    /** A file name for the feature: a lower-case slug of its name plus {@code .feature}. */
    public static String featureFileName(String featureName) {
        String decomposed = Normalizer.normalize(featureName, Normalizer.Form.NFKD);
        String slug = NOT_SLUG.matcher(COMBINING_MARKS.matcher(decomposed).replaceAll(""))
                .replaceAll("-")
                .toLowerCase(Locale.ROOT);
        slug = trimHyphens(slug);
        if (slug.length() > MAX_SLUG_LENGTH) {
            slug = trimHyphens(slug.substring(0, MAX_SLUG_LENGTH));
        }
        return (slug.isEmpty() ? "feature" : slug) + ".feature";
    }

    private static List<JsonNode> withAll(List<JsonNode> blocks, List<JsonNode> more) {
        List<JsonNode> all = new ArrayList<>(blocks);
        all.addAll(more);
        return all;
    }

    private static List<JsonNode> bulletListOrNothing(List<String> items) {
        return items.isEmpty() ? List.of() : List.of(bulletList(items));
    }

    private static ObjectNode node(String type) {
        ObjectNode node = NODES.objectNode();
        node.put("type", type);
        return node;
    }

    /** ADF rejects empty text nodes, so empty text adds nothing. */
    private static void addText(ArrayNode content, String text) {
        if (!text.isEmpty()) {
            ObjectNode node = node("text");
            node.put("text", text);
            content.add(node);
        }
    }

    private static String normaliseNewlines(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static String shortened(String text) {
        String line = oneLine(text);
        if (line.length() <= MAX_HEADING_LENGTH) {
            return line;
        }
        int end = MAX_HEADING_LENGTH - 1;
        if (Character.isLowSurrogate(line.charAt(end))) {
            end--;
        }
        return line.substring(0, end).strip() + "…";
    }

    /** The scenario's title line: the first line that is neither a tag nor a comment. */
    private static String firstLine(String text) {
        return normaliseNewlines(text)
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("@") && !line.startsWith("#"))
                .findFirst()
                .map(AdfDocuments::shortened)
                .orElse("");
    }

    private static String trimHyphens(String slug) {
        int start = 0;
        int end = slug.length();
        while (start < end && slug.charAt(start) == '-') {
            start++;
        }
        while (end > start && slug.charAt(end - 1) == '-') {
            end--;
        }
        return slug.substring(start, end);
    }
}
