package dev.casewright.generation.benchmarks;

import dev.casewright.generation.GenerationRequest;
import dev.casewright.generation.GenerationResult;
import dev.casewright.generation.MeasuredGeneration;
import dev.casewright.tenancy.HostUser;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What our server spends on one one-shot generation when the model and Jira cost nothing: the
 * fake model answers the plan and expand calls at once, the stub Jira too, so the time is ours —
 * token check, Jira client, masking, prompts, two model round trips over local HTTP, parsing,
 * Gherkin writing and validation, coverage, the duplicate check, usage rows, and (for {@code
 * http}) the security chain and JSON. {@code http} is the endpoint as the panel calls it (context
 * JWT, JSON); {@code inProcess} calls the generator directly, so the difference is the web layer.
 * With 1 scenario the duplicate check is skipped (nothing to compare). Sample-time mode, so JMH
 * reports percentiles. Results and how to run: docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GenerationOverheadBenchmark {

    /** A default suite (8 scenarios, duplicate check included) and a single scenario (no duplicate check). */
    @Param({"8", "1"})
    public int scenarios;

    private BenchmarkedService service;
    private HttpClient http;
    private MeasuredGeneration generations;
    private HostUser user;
    private GenerationRequest request;
    private int requests;

    @Setup
    public void startService() throws IOException, InterruptedException {
        service = new BenchmarkedService(Duration.ZERO, true, 1);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        generations = service.generations();
        user = service.user();
        request = new GenerationRequest(scenarios, null, null, List.of(), null, null);
        // Measure the right thing: a full suite of valid scenarios, or fail before measuring.
        GenerationResult result =
                generations.generate(user, BenchmarkedService.ISSUE, request).result();
        long valid = result.scenarios().stream().filter(s -> s.valid()).count();
        if (valid != scenarios || result.usage().calls() != 2) {
            throw new IllegalStateException("expected " + scenarios + " valid scenarios from 2 model calls, got "
                    + valid + " from " + result.usage().calls());
        }
        http();
    }

    @Benchmark
    public int http() throws IOException, InterruptedException {
        HttpResponse<byte[]> response =
                http.send(service.generation(requests++, scenarios), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the endpoint answered " + response.statusCode());
        }
        return response.statusCode();
    }

    @Benchmark
    public GenerationResult inProcess() {
        return generations.generate(user, BenchmarkedService.ISSUE, request).result();
    }

    @TearDown
    public void stopService() {
        service.close();
    }
}
