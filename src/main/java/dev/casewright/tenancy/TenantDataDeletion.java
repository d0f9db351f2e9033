package dev.casewright.tenancy;

import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes tenants whose retention period after uninstall has passed. Safe with several instances:
 * each tenant is deleted by a conditional delete, and only the instance whose delete removed the
 * row announces {@link TenantDataExpired}, in the same transaction.
 */
@Component
class TenantDataDeletion {

    private static final Logger log = LoggerFactory.getLogger(TenantDataDeletion.class);

    private final TenantRepository repository;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    TenantDataDeletion(
            TenantRepository repository, TransactionTemplate transactions, ApplicationEventPublisher events) {
        this.repository = repository;
        this.transactions = transactions;
        this.events = events;
    }

    @Scheduled(
            initialDelayString = "${casewright.tenancy.deletion-check-every:PT1H}",
            fixedDelayString = "${casewright.tenancy.deletion-check-every:PT1H}")
    int deleteExpiredTenants() {
        var now = clock.instant();
        List<String> expired = repository.findExpired(now);
        int deleted = 0;
        for (String id : expired) {
            Boolean removed = transactions.execute(status -> {
                if (repository.deleteIfExpired(id, now) == 0) {
                    return false; // reinstalled meanwhile, or another instance got there first
                }
                events.publishEvent(new TenantDataExpired(new TenantId(id)));
                return true;
            });
            if (Boolean.TRUE.equals(removed)) {
                deleted++;
            }
        }
        if (deleted > 0) {
            log.info("Deleted {} tenants whose retention period after uninstall had passed", deleted);
        }
        return deleted;
    }
}
