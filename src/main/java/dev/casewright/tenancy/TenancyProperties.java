package dev.casewright.tenancy;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param retentionAfterUninstall how long an uninstalled tenant's settings and usage are kept in
 *     case the site reinstalls; credentials are deleted at uninstall regardless
 * @param deletionCheckEvery how often expired tenants are looked for
 */
@Validated
@ConfigurationProperties("casewright.tenancy")
record TenancyProperties(
        @NotNull @DefaultValue("P30D") Duration retentionAfterUninstall,
        @NotNull @DefaultValue("PT1H") Duration deletionCheckEvery) {}
