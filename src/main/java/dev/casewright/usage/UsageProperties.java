package dev.casewright.usage;

import jakarta.validation.constraints.NotNull;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** @param retention how long usage rows are kept (13 months by default, as architecture.md says) */
@Validated
@ConfigurationProperties("casewright.usage")
record UsageProperties(@NotNull @DefaultValue("P13M") Period retention) {}
