package dev.casewright;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(Application.class);

    @Test
    void modulesOnlyUseTheApiAndTheDependenciesTheyDeclare() {
        modules.verify();
    }

    @Test
    void everyModuleIsOneOfTheArchitecturesModules() {
        assertThat(modules.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .isSubsetOf(
                        "tenancy",
                        "connect",
                        "forge",
                        "crypto",
                        "jira",
                        "extraction",
                        "gherkin",
                        "generation",
                        "publishing",
                        "settings",
                        "usage",
                        "operations")
                .contains("tenancy", "crypto", "connect", "operations");
    }

    @Test
    void writesTheModuleDocumentationIntoTheBuildDirectory() {
        new Documenter(modules).writeDocumentation();

        assertThat(Path.of("target", "spring-modulith-docs", "components.puml")).exists();
    }
}
