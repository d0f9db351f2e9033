package dev.casewright.generation;

import dev.casewright.settings.ModelSettings;
import dev.casewright.settings.TenantSettings;
import dev.casewright.tenancy.HostUser;
import dev.casewright.usage.UsageEvent;
import dev.casewright.usage.UsageRecorder;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plan step of a generation: one model call that names the feature and plans the scenarios
 * with their techniques and the acceptance criteria they cover. The issue goes out masked, inside
 * nonce-marked data; the answer is untrusted input — parsed leniently, checked against the
 * request (count, known AC ids) and unmasked. Usage metadata is recorded whatever the outcome.
 */
@Component
public class ScenarioPlanner {

    private final IssueContextCollector collector;
    private final TenantSettings settings;
    private final ModelCalls models;
    private final PromptTemplates prompts;
    private final UsageRecorder usage;
    private final GenerationProperties properties;
    private final ModelReplyParser replies;

    ScenarioPlanner(
            IssueContextCollector collector,
            TenantSettings settings,
            ModelCalls models,
            PromptTemplates prompts,
            UsageRecorder usage,
            GenerationProperties properties,
            JsonMapper json) {
        this.collector = collector;
        this.settings = settings;
        this.models = models;
        this.prompts = prompts;
        this.usage = usage;
        this.properties = properties;
        this.replies = new ModelReplyParser(json);
    }

    public GenerationPlan plan(HostUser user, String issueKey, GenerationRequest request) {
        int count = request.countWithin(properties.maxScenarios());
        List<String> styles = request.stylesOrDefault();
        ModelSettings tenantSettings = settings.model(user.tenant()).orElse(null);
        ModelConnection connection = connection(tenantSettings);
        var collected = collector.collectForModel(
                user,
                issueKey,
                request.attachmentIds() == null ? null : new LinkedHashSet<>(request.attachmentIds()),
                request.extraContext());
        IssueContext context = collected.context();
        var markers = PromptTemplates.DataMarkers.random();
        String language = request.language() == null || "auto".equals(request.language())
                ? "the language the issue is written in"
                : request.language();
        String criteria = context.acceptanceCriteria().isEmpty()
                ? "(none found: derive the behaviour from the description and ask in openQuestions)"
                : context.acceptanceCriteria().stream()
                        .map(criterion -> criterion.id() + ": " + criterion.text())
                        .collect(Collectors.joining("\n"));
        String system = prompts.system(tenantSettings == null ? "" : tenantSettings.instructions(), markers);
        String prompt = prompts.render(
                "plan",
                Map.of(
                        "count", Integer.toString(count),
                        "styles", String.join(", ", styles),
                        "language", language,
                        "criteria", criteria,
                        "issue", context.markdown(),
                        "dataOpen", markers.open(),
                        "dataClose", markers.close()));

        Instant started = Instant.now();
        ChatResponse response;
        try {
            response = models.call(
                    user.tenant(),
                    connection,
                    ChatRequest.builder()
                            .messages(SystemMessage.from(system), UserMessage.from(prompt))
                            .build());
        } catch (ModelCallException e) {
            record(
                    user,
                    connection,
                    null,
                    started,
                    "provider-"
                            + e.reason()
                                    .name()
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .replace('_', '-'),
                    0,
                    context);
            throw e;
        }
        JsonNode reply;
        try {
            reply = replies.parse(response.aiMessage().text(), response.finishReason() == FinishReason.LENGTH);
        } catch (ModelReplyParser.UnusableReply e) {
            record(
                    user,
                    connection,
                    response,
                    started,
                    e.truncated() ? "output-truncated" : "output-unparseable",
                    0,
                    context);
            throw new ModelCallException(connection.provider(), ModelCallException.Cause.OUTPUT_UNPARSEABLE, e);
        }
        GenerationPlan plan = toPlan(reply, count, context, collected.masking());
        record(user, connection, response, started, "ok", plan.scenarios().size(), context);
        return plan;
    }

    private ModelConnection connection(@Nullable ModelSettings tenant) {
        Duration timeout = properties.modelTimeout();
        if (tenant != null && !"none".equals(tenant.provider())) {
            return new ModelConnection(
                    tenant.provider(),
                    tenant.model() == null ? "" : tenant.model(),
                    tenant.baseUrl(),
                    tenant.apiKey(),
                    timeout);
        }
        var fallback = properties.defaults();
        if ("none".equals(fallback.provider())) {
            throw new NoModelConfiguredException();
        }
        return new ModelConnection(
                fallback.provider(),
                fallback.model() == null ? "" : fallback.model(),
                fallback.baseUrl(),
                fallback.apiKey(),
                timeout);
    }

    private GenerationPlan toPlan(JsonNode reply, int count, IssueContext context, MaskingSession masking) {
        Set<String> knownCriteria = context.acceptanceCriteria().stream()
                .map(IssueContext.CriterionView::id)
                .collect(Collectors.toSet());
        List<String> warnings = new ArrayList<>();
        List<GenerationPlan.PlannedScenario> planned = new ArrayList<>();
        for (JsonNode scenario : reply.path("scenarios")) {
            if (planned.size() == count) {
                warnings.add("The model planned more scenarios than asked for; the extra ones were dropped.");
                break;
            }
            String title = masking.unmask(scenario.path("title").asString("").strip());
            if (title.isEmpty()) {
                warnings.add("A planned scenario without a title was dropped.");
                continue;
            }
            List<String> covered = new ArrayList<>();
            for (JsonNode id : scenario.path("acceptanceCriteria")) {
                String value = id.asString("").strip();
                if (knownCriteria.contains(value)) {
                    covered.add(value);
                } else if (!value.isEmpty()) {
                    warnings.add("A scenario cited " + value.replaceAll("[^A-Za-z0-9]", "")
                            + ", which is not one of the issue's criteria.");
                }
            }
            List<String> tags = new ArrayList<>();
            scenario.path("tags").forEach(tag -> {
                String value = tag.asString("").strip().replaceAll("\\s+", "-");
                if (!value.isEmpty()) {
                    tags.add(value.startsWith("@") ? value : "@" + value);
                }
            });
            planned.add(new GenerationPlan.PlannedScenario(
                    "S" + (planned.size() + 1),
                    title,
                    scenario.path("technique").asString("").strip(),
                    covered,
                    tags));
        }
        if (planned.isEmpty()) {
            warnings.add("The model planned no scenarios.");
        }
        List<String> questions = new ArrayList<>();
        reply.path("openQuestions").forEach(question -> {
            String text = masking.unmask(question.asString("").strip());
            if (!text.isEmpty()) {
                questions.add(text);
            }
        });
        return new GenerationPlan(
                masking.unmask(
                        reply.path("featureName").asString(context.issueKey()).strip()),
                reply.path("language").asString("en").strip(),
                planned,
                questions,
                warnings,
                prompts.version());
    }

    private void record(
            HostUser user,
            ModelConnection connection,
            @Nullable ChatResponse response,
            Instant started,
            String outcome,
            int scenarios,
            IssueContext context) {
        var tokens = response == null ? null : response.tokenUsage();
        usage.record(new UsageEvent(
                user.tenant(),
                started,
                "generate.plan",
                connection.provider(),
                response != null && response.modelName() != null ? response.modelName() : connection.model(),
                prompts.version(),
                tokens == null || tokens.inputTokenCount() == null ? 0 : tokens.inputTokenCount(),
                tokens == null || tokens.outputTokenCount() == null ? 0 : tokens.outputTokenCount(),
                Duration.between(started, Instant.now()),
                outcome,
                scenarios,
                context.manifest().redactions().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum(),
                (int) context.manifest().attachments().stream()
                        .filter(attachment -> attachment.status() != ContextManifest.Status.SKIPPED)
                        .count()));
    }

    /** Neither the tenant nor the operator configured a model. */
    static class NoModelConfiguredException extends RuntimeException {
        NoModelConfiguredException() {
            super("No model is configured for this site. A Jira administrator can choose one in Casewright's "
                    + "configuration.");
        }
    }
}
