package dev.casewright.generation;

import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.JiraAdministrators;
import dev.casewright.usage.UsageEvent;
import dev.casewright.usage.UsageRecorder;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/settings/checks/ai}, for Jira administrators: one tiny real call to the model
 * the site's generations would use, so a wrong key, model name or base URL shows on the settings
 * page and not at the first generation. Nothing of any issue is sent. A refusal is the same
 * problem a generation would get ({@code model-key-rejected}, {@code model-model-not-found}, …).
 */
@RestController
class ModelCheckController {

    static final String PROMPT = "This is a connection check. Answer with the single word OK.";

    /** The answer when the provider answered; {@code model} is the model name the provider reported. */
    record CheckResult(String target, boolean ok, String provider, String model) {}

    private final GenerationRuns runs;
    private final ModelCalls models;
    private final JiraAdministrators administrators;
    private final UsageRecorder usage;

    ModelCheckController(
            GenerationRuns runs, ModelCalls models, JiraAdministrators administrators, UsageRecorder usage) {
        this.runs = runs;
        this.models = models;
        this.administrators = administrators;
        this.usage = usage;
    }

    @PostMapping("/api/settings/checks/ai")
    CheckResult check(@AuthenticationPrincipal HostUser caller) {
        administrators.require(caller, "check the model settings");
        ModelConnection connection = runs.connection(caller.tenant());
        if ("none".equals(connection.provider())) {
            // Nothing to reach: the rule-based writer runs here.
            return new CheckResult("ai", true, "none", RuleBasedScenarioWriter.GENERATOR);
        }
        Instant started = Instant.now();
        ChatResponse response;
        try {
            response = models.call(
                    caller.tenant(),
                    connection,
                    ChatRequest.builder()
                            .messages(UserMessage.from(PROMPT))
                            .maxOutputTokens(16)
                            .build());
        } catch (ModelCallException e) {
            record(
                    caller,
                    connection,
                    null,
                    started,
                    "provider-" + e.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            throw e;
        }
        record(caller, connection, response, started, "ok");
        String model = response.modelName() != null ? response.modelName() : connection.model();
        return new CheckResult("ai", true, connection.provider(), model);
    }

    private void record(
            HostUser caller,
            ModelConnection connection,
            @org.jspecify.annotations.Nullable ChatResponse response,
            Instant started,
            String outcome) {
        var tokens = response == null ? null : response.tokenUsage();
        usage.record(new UsageEvent(
                caller.tenant(),
                started,
                "check.ai",
                connection.provider(),
                connection.model(),
                null,
                tokens == null || tokens.inputTokenCount() == null ? 0 : tokens.inputTokenCount(),
                tokens == null || tokens.outputTokenCount() == null ? 0 : tokens.outputTokenCount(),
                Duration.between(started, Instant.now()),
                outcome,
                0,
                0,
                0));
    }
}
