package dev.casewright.gherkin;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A feature: its name, its Gherkin language, the steps of its Background (empty for none) and its
 * scenarios.
 *
 * <p>The language is a Gherkin dialect code such as {@code de} or {@code pt}; {@code null} means English,
 * Gherkin's default. {@code "en"} is stored as {@code null} so that a feature read back from text equals
 * the one it was written from.
 */
public record Feature(String name, @Nullable String language, List<Step> background, List<Scenario> scenarios) {

    public Feature {
        Objects.requireNonNull(name, "name");
        if (language != null && (language.isBlank() || language.equals(Dialect.DEFAULT_LANGUAGE))) {
            language = null;
        }
        background = List.copyOf(background);
        scenarios = List.copyOf(scenarios);
    }

    public Feature(String name, List<Scenario> scenarios) {
        this(name, null, List.of(), scenarios);
    }
}
