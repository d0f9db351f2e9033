package dev.casewright.generation;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link GenerationProperties} as the application binds them: defaults plus what a test sets. */
final class TestGenerationProperties {

    private TestGenerationProperties() {}

    /** @param settings names below {@code casewright.generation.}, e.g. {@code model-retries} */
    static GenerationProperties with(Map<String, String> settings) {
        Map<String, String> properties = new HashMap<>();
        settings.forEach((name, value) -> properties.put("casewright.generation." + name, value));
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("casewright.generation", Bindable.of(GenerationProperties.class));
    }
}
