package dev.casewright.gherkin;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link FeatureParser#validateScenario(String, String)} found for one scenario text: the scenario,
 * when the parser could read one, and the errors, with lines counted in the scenario text itself.
 */
public record ValidationResult(@Nullable Scenario scenario, List<GherkinError> errors) {

    public ValidationResult {
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return scenario != null && errors.isEmpty();
    }

    /** The errors as the generation result shows them: {@code "(line:column): message"}. */
    public List<String> messages() {
        return errors.stream().map(GherkinError::toString).toList();
    }
}
