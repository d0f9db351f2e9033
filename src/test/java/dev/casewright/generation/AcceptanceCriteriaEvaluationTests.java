package dev.casewright.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casewright.jira.AdfToMarkdown;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures the extractor against the criteria a careful tester wrote for each of the 27 made-up
 * issues ({@code fixtures/generation/criteria/<KEY>.expected.json}). The issues go through {@code
 * AdfToMarkdown} first, as in production. The thresholds sit just under what was measured, so a
 * change that makes extraction worse fails the build; {@code docs/acceptance-criteria.md} holds
 * the measured table, and this test writes a fresh one to {@code
 * target/acceptance-criteria-evaluation.md} on every run.
 */
class AcceptanceCriteriaEvaluationTests {

    private static final String ISSUES = "/fixtures/jira/issues/";
    private static final String EXPECTED = "/fixtures/generation/criteria/";
    private static final String ACCEPTANCE_CRITERIA_FIELD = "customfield_10035";

    record Measurement(
            String issueKey,
            int expectedCount,
            int extractedCount,
            double meanSimilarity,
            String source,
            List<String> flaggedInstructions) {

        boolean countMatches() {
            return expectedCount == extractedCount;
        }
    }

    private static List<Measurement> measurements;

    @BeforeAll
    static void measureEveryIssue() throws IOException {
        AdfToMarkdown markdown = new AdfToMarkdown();
        AcceptanceCriteriaExtractor extractor = new AcceptanceCriteriaExtractor();
        measurements = new ArrayList<>();
        for (Path file : files(EXPECTED)) {
            String key = file.getFileName().toString().replace(".expected.json", "");
            JsonNode expected = JsonMapper.shared().readTree(file.toFile());
            JsonNode fields = JsonMapper.shared()
                    .readTree(folder(ISSUES).resolve(key + ".json").toFile())
                    .path("fields");
            AcceptanceCriteria extracted = extractor.extract(
                    markdownOf(markdown, fields.path(ACCEPTANCE_CRITERIA_FIELD)),
                    markdownOf(markdown, fields.path("description")),
                    expected.path("language").asString());
            List<String> wanted = new ArrayList<>();
            expected.path("acceptanceCriteria").forEach(criterion -> wanted.add(criterion.asString()));
            measurements.add(new Measurement(
                    key,
                    wanted.size(),
                    extracted.criteria().size(),
                    meanSimilarity(wanted, extracted.texts()),
                    extracted.isEmpty()
                            ? "—"
                            : extracted.criteria().get(0).source().name(),
                    extracted.flaggedInstructions()));
        }
        writeReport();
    }

    /**
     * Position by position; a criterion missing on either side scores 0, so a wrong count costs
     * similarity too. Two empty lists agree completely.
     */
    static double meanSimilarity(List<String> expected, List<String> extracted) {
        int positions = Math.max(expected.size(), extracted.size());
        if (positions == 0) {
            return 1.0;
        }
        double sum = 0;
        for (int i = 0; i < Math.min(expected.size(), extracted.size()); i++) {
            sum += CriterionSimilarity.of(expected.get(i), extracted.get(i));
        }
        return sum / positions;
    }

    @Test
    void everyFixtureIssueIsMeasured() {
        assertThat(measurements).hasSize(27);
    }

    @Test
    void atLeastNinetyFivePercentOfIssuesGetTheExpectedNumberOfCriteria() {
        long exact = measurements.stream().filter(Measurement::countMatches).count();
        assertThat((double) exact / measurements.size()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void meanSimilarityToTheTestersCriteriaIsAtLeastNinetyFivePercent() {
        double mean = measurements.stream()
                .mapToDouble(Measurement::meanSimilarity)
                .average()
                .orElseThrow();
        assertThat(mean).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void issuesWithoutCriteriaGetNone() {
        assertThat(measurements)
                .filteredOn(measurement -> measurement.expectedCount() == 0)
                .isNotEmpty()
                .allSatisfy(
                        measurement -> assertThat(measurement.extractedCount()).isZero());
    }

    @Test
    void theThreeIssuesCarryingPromptInjectionsAreFlaggedAndNoOther() {
        assertThat(measurements)
                .filteredOn(measurement -> !measurement.flaggedInstructions().isEmpty())
                .extracting(Measurement::issueKey)
                .containsExactly("API-317", "PRIV-9", "SRCH-20");
    }

    private static String markdownOf(AdfToMarkdown markdown, JsonNode adf) {
        return adf.isObject() ? markdown.convert(adf) : "";
    }

    private static void writeReport() throws IOException {
        StringBuilder table =
                new StringBuilder("| Issue | Expected | Extracted | Mean similarity | Source | Flagged lines |\n"
                        + "| --- | ---: | ---: | ---: | --- | ---: |\n");
        StringBuilder flagged = new StringBuilder();
        for (Measurement m : measurements) {
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %.2f | %s | %d |%n",
                    m.issueKey(),
                    m.expectedCount(),
                    m.extractedCount(),
                    m.meanSimilarity(),
                    m.source(),
                    m.flaggedInstructions().size()));
            m.flaggedInstructions()
                    .forEach(line -> flagged.append("- ")
                            .append(m.issueKey())
                            .append(": ")
                            .append(line)
                            .append('\n'));
        }
        long exact = measurements.stream().filter(Measurement::countMatches).count();
        double mean = measurements.stream()
                .mapToDouble(Measurement::meanSimilarity)
                .average()
                .orElse(0);
        table.append("\nFlagged lines:\n\n").append(flagged);
        table.append(String.format(
                Locale.ROOT,
                "%nExact count: %d of %d issues (%.1f %%). Mean similarity: %.3f.%n",
                exact,
                measurements.size(),
                100.0 * exact / measurements.size(),
                mean));
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("acceptance-criteria-evaluation.md"), table, StandardCharsets.UTF_8);
    }

    private static List<Path> files(String resource) throws IOException {
        try (Stream<Path> files = Files.list(folder(resource))) {
            return files.filter(file -> file.toString().endsWith(".expected.json"))
                    .sorted()
                    .toList();
        }
    }

    private static Path folder(String resource) {
        URL url = AcceptanceCriteriaEvaluationTests.class.getResource(resource);
        assertThat(url).as(resource).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
