package dev.casewright.generation;

import dev.casewright.tenancy.HostUser;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ProblemDetail;

/**
 * One-shot generations for the evaluation command and the benchmarks, which live outside this
 * package: runs {@code ScenarioGenerator.generate} as the JSON endpoint does, counts the repair
 * rounds it needed (from its progress reports), and names a failure by the problem type the API
 * would answer with.
 */
public final class MeasuredGeneration {

    private final ScenarioGenerator generator;
    private final GenerationProblemAdvice problems;
    private final ScenarioDuplicates duplicates;

    public MeasuredGeneration(ApplicationContext context) {
        this.generator = context.getBean(ScenarioGenerator.class);
        this.problems = context.getBean(GenerationProblemAdvice.class);
        this.duplicates = context.getBean(ScenarioDuplicates.class);
    }

    /**
     * Loads the embedding model of the duplicate check (it loads on first use), so the first
     * generation measured does not pay for it.
     */
    public void loadEmbeddingModel() {
        duplicates.within(
                List.of(
                        new ScenarioText("S1", "Warm-up", "Scenario: Warm-up\n  Given a warm model"),
                        new ScenarioText("S2", "Warm-up again", "Scenario: Warm-up again\n  Given a loaded model")),
                ScenarioDuplicates.DEFAULT_THRESHOLD);
    }

    /** A finished generation and how many repair rounds (over all batches) it took. */
    public record Generated(GenerationResult result, int repairRounds) {}

    public Generated generate(HostUser user, String issueKey, GenerationRequest request) {
        var repairs = new AtomicInteger();
        GenerationResult result = generator.generate(user, issueKey, request, new GenerationProgress() {
            @Override
            public void progress(String step, int done, int total) {
                if ("repair".equals(step)) {
                    repairs.incrementAndGet();
                }
            }
        });
        return new Generated(result, repairs.get());
    }

    /** The problem type slug ({@code model-timed-out}, …) the API would answer a failure with. */
    public String problemType(RuntimeException failure) {
        ProblemDetail problem = problems.describe(failure);
        String type = String.valueOf(problem.getType());
        return type.startsWith("/problems/") ? type.substring("/problems/".length()) : type;
    }
}
