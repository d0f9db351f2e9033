package dev.casewright.connect;

import dev.casewright.tenancy.ProductApi;
import dev.casewright.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Whether a tenant holds an active licence, from Jira's authoritative
 * {@code GET /rest/atlassian-connect/1/addons/{appKey}} called as the app, remembered for a few
 * minutes. The {@code lic} parameter of a page load is only a hint: it reflects the moment the
 * page was rendered.
 */
@Component
class LicenceCheck {

    private static final Logger log = LoggerFactory.getLogger(LicenceCheck.class);
    private static final Duration REMEMBER_FOR = Duration.ofMinutes(5);
    // Jira being unreachable must not lock paying customers out; remember that briefly.
    private static final Duration REMEMBER_FAILURE_FOR = Duration.ofSeconds(30);

    record AddonLicence(@Nullable Boolean active) {}

    record Addon(@Nullable String key, @Nullable AddonLicence license) {}

    private record Answer(boolean licensed, Instant until) {}

    private final ProductApi jira;
    private final ConnectProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final Map<TenantId, Answer> answers = new ConcurrentHashMap<>();

    LicenceCheck(ProductApi jira, ConnectProperties properties) {
        this.jira = jira;
        this.properties = properties;
    }

    boolean isLicensed(TenantId tenant) {
        if (!properties.licensingRequired()) {
            return true;
        }
        Instant now = clock.instant();
        Answer known = answers.get(tenant);
        if (known != null && known.until().isAfter(now)) {
            return known.licensed();
        }
        Answer answer;
        try {
            Addon addon = jira.asApp(tenant)
                    .get()
                    .uri("/rest/atlassian-connect/1/addons/{appKey}", properties.appKey())
                    .retrieve()
                    .body(Addon.class);
            boolean licensed = addon != null
                    && addon.license() != null
                    && Boolean.TRUE.equals(addon.license().active());
            answer = new Answer(licensed, now.plus(REMEMBER_FOR));
        } catch (RestClientException e) {
            log.warn(
                    "Could not check the licence of tenant {}: {}",
                    tenant,
                    e.getClass().getSimpleName());
            answer = new Answer(true, now.plus(REMEMBER_FAILURE_FOR));
        }
        answers.put(tenant, answer);
        return answer.licensed();
    }

    void forget(TenantId tenant) {
        answers.remove(tenant);
    }
}
