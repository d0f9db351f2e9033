package dev.casewright.generation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Loads the duplicate check's embedding model in the background once the application is ready:
 * start-up stays fast (health is up before the model loads), and the first user to generate does
 * not wait seconds for it.
 */
@Component
class EmbeddingWarmUp {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingWarmUp.class);

    private final ScenarioDuplicates duplicates;
    private final GenerationProperties properties;
    private final AsyncTaskExecutor executor;

    EmbeddingWarmUp(
            ScenarioDuplicates duplicates,
            GenerationProperties properties,
            @Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor) {
        this.duplicates = duplicates;
        this.properties = properties;
        this.executor = executor;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        if (!properties.warmUpEmbeddings()) {
            return;
        }
        executor.execute(() -> {
            long started = System.nanoTime();
            try {
                duplicates.warmUp();
                log.info(
                        "Embedding model for the duplicate check loaded in {} ms",
                        (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                // The first generation will try again and report its own failure.
                log.warn("Could not load the embedding model for the duplicate check in advance", e);
            }
        });
    }
}
