package dev.casewright.generation;

/**
 * What a generation reports while it runs, for the streamed response (SSE events {@code context},
 * {@code progress}, {@code scenario}, {@code coverage}). A listener that can no longer deliver
 * (the browser left) throws {@link Abandoned}, which stops the generation before its next model call.
 */
interface GenerationProgress {

    GenerationProgress NONE = new GenerationProgress() {};

    default void context(IssueContext context) {}

    /**
     * @param step {@code context}, {@code plan}, {@code expand}, {@code repair} or {@code duplicates}
     * @param done how many scenarios are written so far
     * @param total how many are planned (0 before the plan exists)
     */
    default void progress(String step, int done, int total) {}

    default void scenario(GeneratedScenario scenario) {}

    default void coverage(Coverage coverage) {}

    /** The caller is gone; nothing more is worth computing. */
    final class Abandoned extends RuntimeException {
        Abandoned(Throwable cause) {
            super("the caller stopped listening", cause);
        }
    }
}
