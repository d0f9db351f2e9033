package dev.casewright.generation;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Maps a language tag ({@code de}, {@code pt-BR}, {@code en-AU}, {@code ja}) to the Gherkin dialect
 * whose keywords the scenarios are written with: the tag as given, lower-cased, or its primary
 * language — the first the official dialect list knows.
 */
final class GherkinLanguages {

    static final String ENGLISH = "en";
    private static final io.cucumber.gherkin.GherkinDialectProvider DIALECTS =
            new io.cucumber.gherkin.GherkinDialectProvider();

    private GherkinLanguages() {}

    static Optional<String> dialectFor(@Nullable String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String given = tag.strip();
        if (given.isEmpty()) {
            return Optional.empty();
        }
        String lower = given.toLowerCase(Locale.ROOT).replace('_', '-');
        String primary = lower.split("-", 2)[0];
        return Stream.of(given, lower, primary)
                .distinct()
                .filter(code -> DIALECTS.getDialect(code).isPresent())
                .findFirst();
    }

    /** The dialect as {@code Feature}/{@code FeatureWriter} take it: {@code null} for English. */
    static @Nullable String forWriter(String dialect) {
        return ENGLISH.equals(dialect) ? null : dialect;
    }

    /** "de (Deutsch)", so the model knows which language a bare code means. */
    static String described(String dialect) {
        return DIALECTS.getDialect(dialect)
                .map(found -> dialect + " (" + found.getNativeName() + ")")
                .orElse(dialect);
    }
}
