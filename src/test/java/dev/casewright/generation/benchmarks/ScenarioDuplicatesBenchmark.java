package dev.casewright.generation.benchmarks;

import dev.casewright.generation.BenchmarkedDuplicateCheck;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time to check one generated suite for near-duplicates: embed every scenario with the in-process
 * model and compare all pairs. The model is loaded in {@code @Setup}, once per fork, as it is once
 * per instance in the service. Results and how to run: docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScenarioDuplicatesBenchmark {

    /** A default suite (8 scenarios) and a large one (30). */
    @Param({"8", "30"})
    public int scenarios;

    private BenchmarkedDuplicateCheck check;

    @Setup
    public void loadModelAndSuite() {
        check = new BenchmarkedDuplicateCheck(scenarios);
        check.warmUp();
    }

    @Benchmark
    public int checkSuite() {
        return check.check();
    }
}
