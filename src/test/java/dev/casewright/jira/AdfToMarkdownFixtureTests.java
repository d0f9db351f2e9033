package dev.casewright.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casewright.jira.benchmarks.AdfToMarkdownBenchmark;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 27 made-up issues in Jira REST v3 shape, converted and compared with golden Markdown that was
 * read against its ADF by hand. A golden changes only when the conversion is meant to change.
 */
class AdfToMarkdownFixtureTests {

    static final String ISSUES = "/fixtures/jira/issues/";
    static final String MARKDOWN = "/fixtures/jira/markdown/";
    static final String ACCEPTANCE_CRITERIA = "customfield_10035";

    private final AdfToMarkdown converter = new AdfToMarkdown();

    record Field(String issueKey, String name, String goldenSuffix, JsonNode adf) {

        String golden() {
            return MARKDOWN + issueKey + "." + goldenSuffix + ".md";
        }

        @Override
        public String toString() {
            return issueKey + " " + goldenSuffix;
        }
    }

    static List<JsonNode> issues() {
        try {
            URL folder = AdfToMarkdownFixtureTests.class.getResource(ISSUES);
            assertThat(folder).isNotNull();
            try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                return files.filter(file -> file.toString().endsWith(".json"))
                        .sorted()
                        .map(file -> JsonMapper.shared().readTree(file.toFile()))
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        for (JsonNode issue : issues()) {
            String key = issue.get("key").stringValue();
            fields.add(new Field(
                    key, "description", "description", issue.path("fields").path("description")));
            fields.add(new Field(
                    key,
                    ACCEPTANCE_CRITERIA,
                    "acceptance-criteria",
                    issue.path("fields").path(ACCEPTANCE_CRITERIA)));
        }
        return fields;
    }

    @Test
    void everyIssueFixtureIsThere() {
        assertThat(issues()).hasSize(27);
    }

    @Test
    void theBenchmarkConvertsTheThreeLongestDescriptions() throws NoSuchFieldException {
        String[] benchmarked = AdfToMarkdownBenchmark.class
                .getField("issue")
                .getAnnotation(Param.class)
                .value();

        List<String> longest = issues().stream()
                .sorted(Comparator.comparingInt((JsonNode issue) -> issue.path("fields")
                                .path("description")
                                .toString()
                                .length())
                        .reversed())
                .limit(3)
                .map(issue -> issue.get("key").stringValue())
                .toList();
        assertThat(benchmarked).containsExactlyElementsOf(longest);
    }

    @ParameterizedTest
    @MethodSource("fields")
    void convertsEachFixtureFieldToItsGoldenMarkdown(Field field) throws IOException {
        String markdown = converter.convert(field.adf());

        String golden = resource(field.golden());
        if (field.adf().isNull() || field.adf().isMissingNode()) {
            assertThat(markdown).isEmpty();
            assertThat(golden).as("no golden file for an empty field").isNull();
        } else {
            assertThat(golden).as(field.golden()).isNotNull();
            assertThat(markdown + "\n").isEqualTo(golden);
        }
    }

    @ParameterizedTest
    @MethodSource("fields")
    void neverWritesTheAccountIdOfAMention(Field field) {
        String markdown = converter.convert(field.adf());

        for (JsonNode mention : nodesOfType(field.adf(), "mention")) {
            String accountId = mention.path("attrs").path("id").stringValue();
            assertThat(markdown).doesNotContain(accountId);
            assertThat(markdown)
                    .contains("@"
                            + mention.path("attrs").path("text").stringValue().substring(1));
        }
    }

    @Test
    void theFixturesHaveMentionsToCheck() {
        long mentions = fields().stream()
                .mapToLong(field -> nodesOfType(field.adf(), "mention").size())
                .sum();

        assertThat(mentions).isGreaterThanOrEqualTo(5);
    }

    @ParameterizedTest
    @MethodSource("fields")
    void keepsTheTextOfEveryTextNode(Field field) {
        String markdown = comparable(converter.convert(field.adf()).replace("<br>", " "));

        for (JsonNode text : nodesOfType(field.adf(), "text")) {
            assertThat(markdown).contains(comparable(text.get("text").stringValue()));
        }
    }

    @ParameterizedTest
    @MethodSource("fields")
    void writesNoTrailingWhitespaceAndNoDoubleBlankLineOutsideCodeBlocks(Field field) {
        assertTidy(converter.convert(field.adf()));
    }

    /** No trailing whitespace and no two blank lines in a row, except inside code (kept as written). */
    static void assertTidy(String markdown) {
        assertThat(markdown).doesNotContain("\r").doesNotStartWith("\n").doesNotEndWith("\n");
        boolean inCode = false;
        String previous = "x";
        for (String line : markdown.split("\n", -1)) {
            if (line.replaceFirst("^(?:[ >]|[-*+] |\\d+[.)] )*", "").startsWith("```")) {
                inCode = !inCode;
            }
            if (!inCode) {
                assertThat(line).doesNotEndWith(" ").doesNotEndWith("\t");
                assertThat(previous.isEmpty() && line.isEmpty())
                        .as("two blank lines")
                        .isFalse();
            }
            previous = line;
        }
        assertThat(inCode).as("every code fence is closed").isFalse();
    }

    /** Escapes and runs of whitespace differ between ADF text and Markdown; the words do not. */
    static String comparable(String text) {
        return text.replace("\\", "").replaceAll("\\s+", " ").strip();
    }

    static List<JsonNode> nodesOfType(JsonNode node, String type) {
        List<JsonNode> found = new ArrayList<>();
        collect(node, type, found);
        return found;
    }

    private static void collect(JsonNode node, String type, List<JsonNode> found) {
        if (!node.isObject()) {
            return;
        }
        if (type.equals(node.path("type").asString(""))) {
            found.add(node);
        }
        for (JsonNode child : node.path("content")) {
            collect(child, type, found);
        }
    }

    static String resource(String path) throws IOException {
        try (InputStream in = AdfToMarkdownFixtureTests.class.getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
