package dev.casewright.generation;

import dev.casewright.settings.ModelSettings;
import dev.casewright.tenancy.HostUser;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * One generation request in flight: who asked, which model answers, the issue's context (masked
 * as configured) and the data markers of this request. Lives in memory for the request only; the
 * token counters add up what the model calls of this request cost.
 */
final class GenerationRun {

    private final HostUser user;
    private final String issueKey;
    private final ModelConnection connection;
    private final @Nullable ModelSettings settings;
    private final IssueContextCollector.Collected collected;
    private final int count;
    private final List<String> styles;
    private final @Nullable String requestedLanguage;
    private final PromptTemplates.DataMarkers markers;
    private final AtomicLong inputTokens = new AtomicLong();
    private final AtomicLong outputTokens = new AtomicLong();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile String modelName;

    GenerationRun(
            HostUser user,
            String issueKey,
            ModelConnection connection,
            @Nullable ModelSettings settings,
            IssueContextCollector.Collected collected,
            int count,
            List<String> styles,
            @Nullable String requestedLanguage) {
        this.user = user;
        this.issueKey = issueKey;
        this.connection = connection;
        this.settings = settings;
        this.collected = collected;
        this.count = count;
        this.styles = List.copyOf(styles);
        this.requestedLanguage = requestedLanguage;
        this.markers = PromptTemplates.DataMarkers.random();
        this.modelName = connection.model();
    }

    HostUser user() {
        return user;
    }

    String issueKey() {
        return issueKey;
    }

    ModelConnection connection() {
        return connection;
    }

    boolean ruleBased() {
        return "none".equals(connection.provider());
    }

    String tenantInstructions() {
        return settings == null ? "" : settings.instructions();
    }

    @Nullable
    Long monthlyTokenBudget() {
        return settings == null ? null : settings.monthlyTokenBudget();
    }

    IssueContext context() {
        return collected.context();
    }

    MaskingSession masking() {
        return collected.masking();
    }

    AcceptanceCriteria criteria() {
        return collected.criteria();
    }

    /** The issue's language as far as its text shows it ({@code en} or {@code ja} today). */
    String detectedLanguage() {
        return collected.language();
    }

    /** The issue's summary as written, unmasked: for names shown to the user only. */
    String summary() {
        return collected.summary();
    }

    int count() {
        return count;
    }

    List<String> styles() {
        return styles;
    }

    /** A Gherkin dialect the caller asked for, or null for "the issue's language". */
    @Nullable
    String requestedLanguage() {
        return requestedLanguage;
    }

    PromptTemplates.DataMarkers markers() {
        return markers;
    }

    void used(String model, long input, long output) {
        modelName = model;
        inputTokens.addAndGet(input);
        outputTokens.addAndGet(output);
        calls.incrementAndGet();
    }

    GenerationResult.Usage usage() {
        return new GenerationResult.Usage(
                connection.provider(), modelName, inputTokens.get(), outputTokens.get(), calls.get());
    }
}
