package dev.casewright.generation;

import dev.casewright.usage.UsageEvent;
import dev.casewright.usage.UsageRecorder;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the model of a run for a JSON answer: checks the tenant's token budget with an estimate of
 * the input first, calls the model (retries and circuit breaking live in {@link ModelCalls}),
 * reads the answer leniently, and records one usage row per call whatever the outcome — codes
 * and counts only.
 */
@Component
class ModelAnswers {

    /**
     * Providers whose JSON mode LangChain4j maps to the API (OpenAI and Azure {@code response_format},
     * Gemini {@code responseMimeType}, Ollama {@code format}): the answer is then always JSON. Not
     * for Anthropic (no such mode) nor for OpenAI-compatible servers, some of which refuse the field;
     * the lenient parser copes with fenced or chatty answers there.
     */
    static final java.util.Set<String> JSON_MODE = java.util.Set.of("openai", "azure-openai", "gemini", "ollama");

    private final ModelCalls models;
    private final TokenBudget budget;
    private final TokenEstimator tokens;
    private final UsageRecorder usage;
    private final PromptTemplates prompts;
    private final ModelReplyParser replies;

    ModelAnswers(
            ModelCalls models,
            TokenBudget budget,
            TokenEstimator tokens,
            UsageRecorder usage,
            PromptTemplates prompts,
            JsonMapper json) {
        this.models = models;
        this.budget = budget;
        this.tokens = tokens;
        this.usage = usage;
        this.prompts = prompts;
        this.replies = new ModelReplyParser(json);
    }

    /**
     * One answer: the JSON object the model wrote, and the raw text to continue the conversation
     * with (the repair turn quotes it back).
     */
    record Answer(JsonNode json, String text) {}

    /**
     * @param operation the usage code, e.g. {@code generate.plan}
     * @param messages the conversation so far; the system message comes first
     */
    Answer ask(GenerationRun run, String operation, List<ChatMessage> messages) {
        long estimate = messages.stream()
                .mapToLong(message -> tokens.count(textOf(message)))
                .sum();
        budget.check(run.user().tenant(), run.monthlyTokenBudget(), estimate);
        Instant started = Instant.now();
        ChatResponse response;
        try {
            var request = ChatRequest.builder().messages(messages);
            if (JSON_MODE.contains(run.connection().provider())) {
                request.responseFormat(ResponseFormat.JSON);
            }
            response = models.call(run.user().tenant(), run.connection(), request.build());
        } catch (ModelCallException e) {
            record(run, operation, null, started, "provider-" + code(e.reason()), 0);
            throw e;
        }
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        var tokenUsage = response.tokenUsage();
        long input = tokenUsage == null || tokenUsage.inputTokenCount() == null ? 0 : tokenUsage.inputTokenCount();
        long output = tokenUsage == null || tokenUsage.outputTokenCount() == null ? 0 : tokenUsage.outputTokenCount();
        run.used(modelOf(run, response), input, output);
        JsonNode json;
        try {
            json = replies.parse(text, response.finishReason() == FinishReason.LENGTH);
        } catch (ModelReplyParser.UnusableReply e) {
            record(run, operation, response, started, e.truncated() ? "output-truncated" : "output-unparseable", 0);
            throw new ModelCallException(run.connection().provider(), ModelCallException.Cause.OUTPUT_UNPARSEABLE, e);
        }
        record(run, operation, response, started, "ok", json.path("scenarios").size());
        return new Answer(json, text == null ? "" : text);
    }

    static UserMessage user(String text) {
        return UserMessage.from(text);
    }

    static SystemMessage system(String text) {
        return SystemMessage.from(text);
    }

    static AiMessage assistant(String text) {
        return AiMessage.from(text);
    }

    private static String textOf(ChatMessage message) {
        if (message instanceof SystemMessage system) {
            return system.text();
        }
        if (message instanceof UserMessage user) {
            return user.hasSingleText() ? user.singleText() : "";
        }
        if (message instanceof AiMessage ai) {
            return ai.text() == null ? "" : ai.text();
        }
        return "";
    }

    private static String code(ModelCallException.Cause cause) {
        return cause.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String modelOf(GenerationRun run, ChatResponse response) {
        return response.modelName() != null
                ? response.modelName()
                : run.connection().model();
    }

    private void record(
            GenerationRun run,
            String operation,
            @Nullable ChatResponse response,
            Instant started,
            String outcome,
            int scenarios) {
        var tokenUsage = response == null ? null : response.tokenUsage();
        ContextManifest manifest = run.context().manifest();
        usage.record(new UsageEvent(
                run.user().tenant(),
                started,
                operation,
                run.connection().provider(),
                response == null ? run.connection().model() : modelOf(run, response),
                prompts.version(),
                tokenUsage == null || tokenUsage.inputTokenCount() == null ? 0 : tokenUsage.inputTokenCount(),
                tokenUsage == null || tokenUsage.outputTokenCount() == null ? 0 : tokenUsage.outputTokenCount(),
                Duration.between(started, Instant.now()),
                outcome,
                scenarios,
                manifest.redactionCount(),
                manifest.attachmentsRead()));
    }
}
