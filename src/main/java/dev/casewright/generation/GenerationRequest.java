package dev.casewright.generation;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the panel asks for (architecture.md): every field optional.
 *
 * @param language {@code auto} (the language) or a Gherkin language code
 * @param existingTests tests the issue already has, to flag new scenarios that repeat them
 */
public record GenerationRequest(
        @Nullable Integer count,
        @Nullable List<String> styles,
        @Nullable String language,
        @Nullable List<String> attachmentIds,
        @Nullable String extraContext,
        @Nullable List<ExistingTest> existingTests) {

    /**
     * A test the issue already has (the publishing targets list them), for the duplicate check.
     *
     * @param key the test's key, as duplicates name it
     * @param gherkin its Gherkin, or empty when the target keeps none
     */
    public record ExistingTest(
            String key, @Nullable String title, @Nullable String gherkin) {}

    static final int MAX_EXISTING_TESTS = 200;

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

    List<ExistingTest> existingTestsChecked() {
        if (existingTests == null) {
            return List.of();
        }
        if (existingTests.size() > MAX_EXISTING_TESTS) {
            throw new InvalidGenerationRequestException("at most " + MAX_EXISTING_TESTS + " existing tests");
        }
        for (ExistingTest test : existingTests) {
            if (test == null
                    || test.key() == null
                    || test.key().isBlank()
                    || test.key().length() > 100) {
                throw new InvalidGenerationRequestException("every existing test needs a key");
            }
        }
        return existingTests;
    }

    static GenerationRequest empty() {
        return new GenerationRequest(null, null, null, null, null, null);
    }

    /** A request the generator cannot serve; the message says which field and why. */
    static class InvalidGenerationRequestException extends RuntimeException {
        InvalidGenerationRequestException(String message) {
            super(message);
        }
    }
}
