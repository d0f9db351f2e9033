package dev.casewright.generation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class GenerationPropertiesTests {

    private static final jakarta.validation.ValidatorFactory VALIDATORS = Validation.buildDefaultValidatorFactory();
    private final Validator validator = VALIDATORS.getValidator();

    @AfterAll
    static void close() {
        VALIDATORS.close();
    }

    private Set<String> problems(Map<String, String> settings) {
        Set<ConstraintViolation<GenerationProperties>> violations =
                validator.validate(TestGenerationProperties.with(settings));
        return violations.stream().map(v -> v.getPropertyPath().toString()).collect(Collectors.toSet());
    }

    @Test
    void theResilienceDefaultsAreTheDocumentedOnesAndValid() {
        var defaults = TestGenerationProperties.with(Map.of());

        assertThat(defaults.modelRetries()).isEqualTo(2);
        assertThat(defaults.modelRetryBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.modelRetryMaxWait()).isEqualTo(Duration.ofSeconds(20));
        assertThat(defaults.circuitWindow()).isEqualTo(10);
        assertThat(defaults.circuitMinimumCalls()).isEqualTo(5);
        assertThat(defaults.circuitFailureRate()).isEqualTo(50f);
        assertThat(defaults.circuitOpenFor()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.maxConcurrentPerTenant()).isEqualTo(4);
        assertThat(defaults.busyRetryAfter()).isEqualTo(Duration.ofSeconds(15));
        assertThat(problems(Map.of())).isEmpty();
    }

    @Test
    void moreThanTwoRetriesOrNoSlotsOrABreakerThatCannotOpenAreRefused() {
        assertThat(problems(Map.of("model-retries", "3"))).containsExactly("modelRetries");
        assertThat(problems(Map.of("max-concurrent-per-tenant", "0"))).containsExactly("maxConcurrentPerTenant");
        assertThat(problems(Map.of("circuit-window", "4", "circuit-minimum-calls", "5")))
                .containsExactly("circuitMinimumWithinWindow");
        assertThat(problems(Map.of("model-retry-backoff", "PT0S"))).containsExactly("everyWaitPositive");
    }

    @Test
    void aProviderWithItsOwnTimeoutUsesItAndEveryOtherProviderTheModelTimeout() {
        var properties =
                TestGenerationProperties.with(Map.of("model-timeout", "PT60S", "provider-timeouts.ollama", "PT180S"));

        assertThat(properties.timeoutFor("ollama")).isEqualTo(Duration.ofSeconds(180));
        assertThat(properties.timeoutFor("openai")).isEqualTo(Duration.ofSeconds(60));
        assertThat(TestGenerationProperties.with(Map.of()).timeoutFor("anthropic"))
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(problems(Map.of("provider-timeouts.gemini", "PT0S"))).containsExactly("everyWaitPositive");
    }
}
