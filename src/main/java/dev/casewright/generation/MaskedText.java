package dev.casewright.generation;

import java.util.Map;

/**
 * Text with its personal data replaced by placeholders, and what each placeholder stands for: every
 * placeholder its session has handed out so far, so the last {@code MaskedText} of a request can
 * restore output that quotes any of the request's texts.
 *
 * @param text what may leave for the model
 * @param originalsByPlaceholder original value by placeholder ({@code <EMAIL_1>}); never log it
 * @param counts how many occurrences of each type the session has masked so far
 */
record MaskedText(String text, Map<String, String> originalsByPlaceholder, Map<PersonalDataType, Integer> counts) {

    MaskedText {
        originalsByPlaceholder = Map.copyOf(originalsByPlaceholder);
        counts = Map.copyOf(counts);
    }

    /** Counts only: a masked text ends up in logs and exceptions more easily than one would think. */
    @Override
    public String toString() {
        return "MaskedText[" + text.length() + " characters, masked " + counts + "]";
    }
}
