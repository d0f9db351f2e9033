package dev.casewright.jira.benchmarks;

import dev.casewright.jira.AdfToMarkdown;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts the three longest fixture descriptions (by ADF size) to Markdown. Parsing the JSON is not
 * measured: the REST client hands the converter a tree. Results and how to run: docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AdfToMarkdownBenchmark {

    /** The three largest descriptions; {@code AdfToMarkdownFixtureTests} checks they still are. */
    @Param({"TRACK-88", "API-317", "BANK-19"})
    public String issue;

    private final AdfToMarkdown converter = new AdfToMarkdown();
    private JsonNode description;

    @Setup
    public void loadDescription() {
        String path = "/fixtures/jira/issues/" + issue + ".json";
        try (InputStream in = AdfToMarkdownBenchmark.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("No fixture " + path);
            }
            description = JsonMapper.shared().readTree(in).path("fields").path("description");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public String convert() {
        return converter.convert(description);
    }
}
