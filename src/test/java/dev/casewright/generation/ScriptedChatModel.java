package dev.casewright.generation;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A LangChain4j chat model that answers from a script, in order, and keeps every request it got:
 * the generation's logic (plan, expand, repair, coverage, languages, masking) tested without HTTP.
 * A scripted {@link RuntimeException} is thrown instead of answering, as a provider client would.
 */
final class ScriptedChatModel implements ChatModel {

    static final int INPUT_TOKENS = 1_000;
    static final int OUTPUT_TOKENS = 200;

    private final ConcurrentLinkedDeque<Object> script = new ConcurrentLinkedDeque<>();
    private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

    ScriptedChatModel answer(String reply) {
        script.add(reply);
        return this;
    }

    ScriptedChatModel answerCutOff(String reply) {
        script.add(new CutOff(reply));
        return this;
    }

    ScriptedChatModel fail(RuntimeException failure) {
        script.add(failure);
        return this;
    }

    void reset() {
        script.clear();
        requests.clear();
    }

    List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    int unanswered() {
        return script.size();
    }

    /** Everything the model was sent, as one text: what left this service. */
    String everythingSent() {
        StringBuilder sent = new StringBuilder();
        for (ChatRequest request : requests) {
            for (ChatMessage message : request.messages()) {
                sent.append(textOf(message)).append('\n');
            }
        }
        return sent.toString();
    }

    /** The text of the last user message of the request at {@code index}. */
    String lastUserMessage(int index) {
        List<ChatMessage> messages = new ArrayList<>(requests.get(index).messages());
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage user) {
                return user.singleText();
            }
        }
        throw new AssertionError("no user message in request " + index);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        Object next = script.poll();
        if (next == null) {
            throw new AssertionError("the script has no answer left for request " + requests.size());
        }
        if (next instanceof RuntimeException failure) {
            throw failure;
        }
        boolean cutOff = next instanceof CutOff;
        String text = cutOff ? ((CutOff) next).text() : (String) next;
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(text))
                .modelName("scripted-model-2026")
                .tokenUsage(new TokenUsage(INPUT_TOKENS, OUTPUT_TOKENS))
                .finishReason(cutOff ? FinishReason.LENGTH : FinishReason.STOP)
                .build();
    }

    private static String textOf(ChatMessage message) {
        if (message instanceof SystemMessage system) {
            return system.text();
        }
        if (message instanceof UserMessage user) {
            return user.singleText();
        }
        if (message instanceof AiMessage ai) {
            return ai.text();
        }
        return "";
    }

    private record CutOff(String text) {}
}
