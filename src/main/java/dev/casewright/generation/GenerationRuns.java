package dev.casewright.generation;

import dev.casewright.settings.ModelSettings;
import dev.casewright.settings.TenantSettings;
import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.TenantId;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Starts a generation run: checks the request, picks the model (the tenant's settings, else the
 * operator's default), and collects the issue as the user — masked unless the site's
 * administrator turned masking off, and never masked for the rule-based writer, whose text does
 * not leave this service.
 */
@Component
class GenerationRuns {

    private final IssueContextCollector collector;
    private final TenantSettings settings;
    private final GenerationProperties properties;

    GenerationRuns(IssueContextCollector collector, TenantSettings settings, GenerationProperties properties) {
        this.collector = collector;
        this.settings = settings;
        this.properties = properties;
    }

    /**
     * @param modelRequired whether the step needs a model; the one-shot generation falls back to
     *     the rule-based writer instead
     */
    GenerationRun prepare(HostUser user, String issueKey, GenerationRequest request, boolean modelRequired) {
        int count = request.countWithin(properties.maxScenarios());
        List<String> styles = request.stylesOrDefault();
        String language = requestedDialect(request.language());
        ModelSettings tenantSettings = settings.model(user.tenant()).orElse(null);
        ModelConnection connection = connection(tenantSettings);
        if (modelRequired && "none".equals(connection.provider())) {
            throw new ScenarioPlanner.NoModelConfiguredException();
        }
        boolean ruleBased = "none".equals(connection.provider());
        boolean mask = !ruleBased && (tenantSettings == null || tenantSettings.maskingEnabled());
        var collected = collector.collectForModel(
                user,
                issueKey,
                request.attachmentIds() == null ? null : new LinkedHashSet<>(request.attachmentIds()),
                request.extraContext(),
                mask);
        return new GenerationRun(user, issueKey, connection, tenantSettings, collected, count, styles, language);
    }

    /** Checks a request before any work, so a stream can refuse it as a plain HTTP problem. */
    void check(GenerationRequest request) {
        request.countWithin(properties.maxScenarios());
        request.stylesOrDefault();
        requestedDialect(request.language());
        request.existingTestsChecked();
    }

    /** The model a generation for {@code tenant} would call now ({@code none} for the rule-based writer). */
    ModelConnection connection(TenantId tenant) {
        return connection(settings.model(tenant).orElse(null));
    }

    /** Whether the context view should show masked text: what the next generation would send. */
    boolean masks(HostUser user) {
        // The view, not the model settings: no need to decrypt the API key to read a flag.
        return settings.view(user.tenant()).maskingEnabled();
    }

    static @Nullable String requestedDialect(@Nullable String language) {
        if (language == null || language.isBlank() || "auto".equalsIgnoreCase(language.strip())) {
            return null;
        }
        return GherkinLanguages.dialectFor(language)
                .orElseThrow(() -> new GenerationRequest.InvalidGenerationRequestException(
                        "language must be \"auto\" or a Gherkin language code such as en, de, fr, es, ja or pt"));
    }

    private ModelConnection connection(@Nullable ModelSettings tenant) {
        if (tenant != null) {
            return new ModelConnection(
                    tenant.provider(),
                    tenant.model() == null ? "" : tenant.model(),
                    tenant.baseUrl(),
                    tenant.apiKey(),
                    properties.timeoutFor(tenant.provider()));
        }
        var fallback = properties.defaults();
        return new ModelConnection(
                fallback.provider(),
                fallback.model() == null ? "" : fallback.model(),
                fallback.baseUrl(),
                fallback.apiKey(),
                properties.timeoutFor(fallback.provider()));
    }
}
