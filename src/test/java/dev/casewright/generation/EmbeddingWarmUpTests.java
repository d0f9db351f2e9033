package dev.casewright.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

class EmbeddingWarmUpTests {

    /** Runs each task at once on the calling thread, so the test sees its effect without waiting. */
    private static final AsyncTaskExecutor AT_ONCE = new AsyncTaskExecutor() {
        @Override
        public void execute(Runnable task) {
            ((TaskExecutor) Runnable::run).execute(task);
        }
    };

    @Test
    void theEmbeddingModelIsLoadedOnceTheApplicationIsReady() {
        var duplicates = new ScenarioDuplicates();

        new EmbeddingWarmUp(duplicates, TestGenerationProperties.with(Map.of()), AT_ONCE).warmUp();

        assertThat(duplicates.loaded()).isTrue();
    }

    @Test
    void withWarmUpOffTheModelWaitsForItsFirstUse() {
        var duplicates = new ScenarioDuplicates();

        new EmbeddingWarmUp(duplicates, TestGenerationProperties.with(Map.of("warm-up-embeddings", "false")), AT_ONCE)
                .warmUp();

        assertThat(duplicates.loaded()).isFalse();
    }
}
