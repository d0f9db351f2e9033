package dev.casewright.generation;

import dev.casewright.tenancy.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** A tenant's optional monthly token budget. */
@Component
class TokenBudget {

    void check(TenantId tenant, @Nullable Long monthlyBudget, long estimatedInputTokens) {}
}
