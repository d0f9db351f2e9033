package dev.casewright.generation;

import dev.casewright.jira.AdfToMarkdown;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 27 made-up issues (shared with the jira module's tests) as the masker sees them: description
 * and acceptance criteria as Markdown, the mentioned names, and the labelled personal data.
 */
final class PiiFixtures {

    private static final String ISSUES = "/fixtures/jira/issues/";
    private static final String LABELS = "/fixtures/generation/pii/";
    private static final String ACCEPTANCE_CRITERIA = "customfield_10035";

    record Label(String type, String value) {}

    record Issue(String key, List<String> texts, List<String> mentionNames, List<Label> labels) {

        @Override
        public String toString() {
            return key;
        }
    }

    private PiiFixtures() {}

    static List<Issue> issues() {
        AdfToMarkdown converter = new AdfToMarkdown();
        List<Issue> issues = new ArrayList<>();
        for (Path file : issueFiles()) {
            JsonNode issue = JsonMapper.shared().readTree(file.toFile());
            String key = issue.path("key").asString();
            JsonNode fields = issue.path("fields");
            List<String> texts = new ArrayList<>();
            List<String> mentionNames = new ArrayList<>();
            for (String field : List.of("description", ACCEPTANCE_CRITERIA)) {
                JsonNode adf = fields.get(field);
                if (adf != null && !adf.isNull()) {
                    texts.add(converter.convert(adf));
                    MentionNames.in(adf).stream()
                            .filter(name -> !mentionNames.contains(name))
                            .forEach(mentionNames::add);
                }
            }
            issues.add(new Issue(key, texts, mentionNames, labels(key)));
        }
        return issues;
    }

    private static List<Label> labels(String key) {
        try (InputStream labels = PiiFixtures.class.getResourceAsStream(LABELS + key + ".pii.json")) {
            if (labels == null) {
                return List.of(); // the fixtures' promise: no file, no personal data
            }
            List<Label> result = new ArrayList<>();
            for (JsonNode label : JsonMapper.shared().readTree(labels)) {
                result.add(new Label(
                        label.path("type").asString(), label.path("value").asString()));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> issueFiles() {
        @Nullable URL folder = PiiFixtures.class.getResource(ISSUES);
        if (folder == null) {
            throw new IllegalStateException("fixtures missing: " + ISSUES);
        }
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
