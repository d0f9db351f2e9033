package dev.casewright.gherkin;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link FeatureParser#parse(String)} found: the feature, when the Cucumber parser could build one,
 * and every error, the parser's own and Casewright's structural checks. A feature can be present and
 * still invalid, for example when a scenario has no steps.
 */
public record ParsedFeature(@Nullable Feature feature, List<GherkinError> errors) {

    public ParsedFeature {
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return feature != null && errors.isEmpty();
    }
}
