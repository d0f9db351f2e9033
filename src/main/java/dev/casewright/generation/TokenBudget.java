package dev.casewright.generation;

import dev.casewright.tenancy.TenantId;
import dev.casewright.usage.UsageReports;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A tenant's optional monthly token budget: input plus output tokens recorded in the {@code usage}
 * module this calendar month (UTC), checked before a generation starts with the estimate of what
 * it will send. The output is not known before the call, so a generation that starts just under
 * the budget may end a little over it; the next one is refused.
 */
@Component
class TokenBudget {

    private final UsageReports usage;
    private final Clock clock;

    @Autowired
    TokenBudget(UsageReports usage) {
        this(usage, Clock.systemUTC());
    }

    TokenBudget(UsageReports usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    /**
     * @param monthlyBudget the tenant's budget; null or 0 is unlimited
     * @throws TokenBudgetExceededException when what was used plus the estimate exceeds the budget
     */
    void check(TenantId tenant, @Nullable Long monthlyBudget, long estimatedInputTokens) {
        if (monthlyBudget == null || monthlyBudget <= 0) {
            return;
        }
        LocalDate monthStart = LocalDate.now(clock.withZone(ZoneOffset.UTC)).withDayOfMonth(1);
        long used = usage.tokensUsedSince(
                tenant, monthStart.atStartOfDay(ZoneOffset.UTC).toInstant());
        if (used + Math.max(0, estimatedInputTokens) > monthlyBudget) {
            throw new TokenBudgetExceededException(
                    used, monthlyBudget, Math.max(0, estimatedInputTokens), monthStart.plusMonths(1));
        }
    }
}
