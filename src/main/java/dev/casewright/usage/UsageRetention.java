package dev.casewright.usage;

import dev.casewright.tenancy.TenantDataExpired;
import java.time.Clock;
import java.time.Period;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Usage rows live 13 months by default ({@code casewright.usage.retention}), and go with the
 * tenant when its data expires after an uninstall — in the transaction that deletes the tenant.
 */
@Component
class UsageRetention {

    private static final Logger log = LoggerFactory.getLogger(UsageRetention.class);

    private final UsageEventRepository events;
    private final Period retention;
    private final Clock clock = Clock.systemUTC();

    UsageRetention(UsageEventRepository events, UsageProperties properties) {
        this.events = events;
        this.retention = properties.retention();
    }

    @EventListener
    void on(TenantDataExpired expired) {
        events.deleteByTenant(expired.tenant().value());
    }

    @Transactional
    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT24H")
    int deleteExpired() {
        var before = clock.instant().atZone(ZoneOffset.UTC).minus(retention).toInstant();
        int deleted = events.deleteOlderThan(before);
        if (deleted > 0) {
            log.info("Deleted {} usage events older than {}", deleted, retention);
        }
        return deleted;
    }
}
