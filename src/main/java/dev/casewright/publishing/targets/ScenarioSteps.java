package dev.casewright.publishing.targets;

import dev.casewright.gherkin.Feature;
import dev.casewright.gherkin.FeatureParser;
import dev.casewright.gherkin.FeatureWriter;
import dev.casewright.gherkin.ParsedFeature;
import dev.casewright.gherkin.Scenario;
import dev.casewright.publishing.ScenarioToPublish;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A scenario as test tools store it: only its steps (and an outline's Examples), because the
 * test's summary or name already is the scenario's title and its labels are the tags. Xray's own
 * examples of a Cucumber test definition and Zephyr's BDD script both hold just these lines.
 */
public final class ScenarioSteps {

    private static final FeatureParser PARSER = new FeatureParser();
    private static final FeatureWriter WRITER = new FeatureWriter();

    private ScenarioSteps() {}

    /** The steps of the scenario's one-scenario feature, without indentation, ending with a newline. */
    public static String of(ScenarioToPublish scenario) {
        ParsedFeature parsed = PARSER.parse(scenario.feature());
        Feature feature = parsed.feature();
        if (!parsed.valid() || feature == null || feature.scenarios().size() != 1) {
            // The publisher validated it already; this is a programming error, said without the text.
            throw new IllegalArgumentException("scenario " + scenario.id() + " is not one valid scenario");
        }
        Scenario only = feature.scenarios().get(0);
        Scenario bare = new Scenario("", List.of(), only.steps(), only.examples());
        String written = WRITER.write(bare, feature.language());
        List<String> lines = new ArrayList<>(written.lines().toList());
        lines.remove(0); // the Scenario: line
        int indent = lines.stream()
                .filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length())
                .min()
                .orElse(0);
        StringBuilder steps = new StringBuilder();
        for (String line : lines) {
            steps.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return steps.toString();
    }

    /** The scenario's tags as labels: without the {@code @}, which Jira and Zephyr labels do not use. */
    public static List<String> labels(ScenarioToPublish scenario) {
        return scenario.tags().stream()
                .map(tag -> tag.startsWith("@") ? tag.substring(1) : tag)
                .filter(label -> !label.isBlank())
                .distinct()
                .toList();
    }

    /** A title cut to a target's limit (Jira summaries and Zephyr names: 255). */
    public static String title(ScenarioToPublish scenario, int limit) {
        String title = scenario.title().strip().replaceAll("\\s+", " ");
        if (title.isEmpty()) {
            title = "Scenario " + scenario.id().toUpperCase(Locale.ROOT);
        }
        return title.length() <= limit ? title : title.substring(0, limit - 1) + "…";
    }
}
