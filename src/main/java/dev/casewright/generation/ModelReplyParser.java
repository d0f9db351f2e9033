package dev.casewright.generation;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a model's JSON answer leniently: inside a Markdown fence or after some chatter, as models
 * sometimes write it. What is cut off (the provider reports the length limit, or the braces never
 * close) is reported as truncated rather than misread; what is not JSON at all is unparseable.
 * Model output is untrusted input: nothing here executes or logs it.
 */
final class ModelReplyParser {

    /** Why an answer could not be used; the message names no content. */
    static final class UnusableReply extends RuntimeException {
        private final boolean truncated;

        UnusableReply(String message, boolean truncated) {
            super(message);
            this.truncated = truncated;
        }

        boolean truncated() {
            return truncated;
        }
    }

    private final JsonMapper json;

    ModelReplyParser(JsonMapper json) {
        this.json = json;
    }

    /**
     * @param stoppedAtLengthLimit whether the provider said it stopped at the output-token limit
     */
    JsonNode parse(@Nullable String reply, boolean stoppedAtLengthLimit) {
        if (reply == null || reply.isBlank()) {
            throw new UnusableReply("the model returned an empty answer", stoppedAtLengthLimit);
        }
        String candidate = unfenced(reply.strip());
        int start = candidate.indexOf('{');
        if (start < 0) {
            throw new UnusableReply("the model's answer contains no JSON object", stoppedAtLengthLimit);
        }
        int end = matchingBrace(candidate, start);
        if (end < 0) {
            throw new UnusableReply("the model's answer was cut off before its JSON ended", true);
        }
        try {
            JsonNode node = json.readTree(candidate.substring(start, end + 1));
            if (!node.isObject()) {
                throw new UnusableReply("the model's answer is not a JSON object", stoppedAtLengthLimit);
            }
            return node;
        } catch (JacksonException e) {
            throw new UnusableReply("the model's answer is not valid JSON", stoppedAtLengthLimit);
        }
    }

    private static String unfenced(String reply) {
        int fence = reply.indexOf("```");
        if (fence < 0) {
            return reply;
        }
        int bodyStart = reply.indexOf('\n', fence);
        int close = bodyStart < 0 ? -1 : reply.indexOf("```", bodyStart);
        if (bodyStart < 0) {
            return reply;
        }
        return close < 0 ? reply.substring(bodyStart + 1) : reply.substring(bodyStart + 1, close);
    }

    /** Index of the brace closing the one at {@code start}, honouring strings; -1 when it never closes. */
    private static int matchingBrace(String text, int start) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }
}
