package dev.casewright.operations;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param metricsToken bearer token that Prometheus presents to {@code /actuator/prometheus}; when
 *     unset the endpoint answers 401 to everyone (env {@code CASEWRIGHT_OPERATIONS_METRICS_TOKEN})
 */
@Validated
@ConfigurationProperties("casewright.operations")
record OperationsProperties(
        @Nullable @Size(min = 32, message = "must be at least 32 characters")
        String metricsToken) {}
