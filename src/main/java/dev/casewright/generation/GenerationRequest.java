package dev.casewright.generation;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the panel asks for (architecture.md): every field optional.
 *
 * @param language {@code auto} (the language) or a Gherkin language code
 */
public record GenerationRequest(
        @Nullable Integer count,
        @Nullable List<String> styles,
        @Nullable String language,
        @Nullable List<String> attachmentIds,
        @Nullable String extraContext) {

    static final List<String> STYLES = List.of("happy", "negative", "edge", "error", "security", "accessibility");
    static final int DEFAULT_COUNT = 8;

    int countWithin(int max) {
        int asked = count == null ? DEFAULT_COUNT : count;
        if (asked < 1 || asked > max) {
            throw new InvalidGenerationRequestException("count must be between 1 and " + max);
        }
        return asked;
    }

    List<String> stylesOrDefault() {
        List<String> chosen = styles == null || styles.isEmpty() ? List.of("happy", "negative", "edge") : styles;
        for (String style : chosen) {
            if (!STYLES.contains(style)) {
                throw new InvalidGenerationRequestException("styles are " + STYLES);
            }
        }
        return chosen;
    }

    /** A request the generator cannot serve; the message says which field and why. */
    static class InvalidGenerationRequestException extends RuntimeException {
        InvalidGenerationRequestException(String message) {
            super(message);
        }
    }
}
