package dev.casewright.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casewright.tenancy.TenantId;
import dev.casewright.usage.UsageEvent;
import dev.casewright.usage.UsageRecorder;
import dev.casewright.usage.UsageReports;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The monthly budget against usage recorded the way generations record it. The same context as
 * the other non-web integration tests; every test uses fresh tenants, so shared rows do not matter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TokenBudgetIntegrationTests {

    static final Clock MID_MARCH = Clock.fixed(Instant.parse("2026-03-15T12:00:00Z"), ZoneOffset.UTC);

    @Autowired
    UsageRecorder recorder;

    @Autowired
    UsageReports reports;

    @Autowired
    TokenBudget budgetAsConfigured;

    private final TenantId acme = new TenantId(UUID.randomUUID().toString());
    private final TenantId globex = new TenantId(UUID.randomUUID().toString());
    private TokenBudget budget;

    @BeforeEach
    void usageThisMonthAndLast() {
        budget = new TokenBudget(reports, MID_MARCH);
        record(acme, "2026-02-28T23:59:59Z", 40_000, 9_000); // last month: does not count
        record(acme, "2026-03-01T00:00:00Z", 600, 300);
        record(acme, "2026-03-14T08:30:00Z", 100, 0);
        record(globex, "2026-03-10T10:00:00Z", 70_000, 20_000); // another tenant: does not count
    }

    private void record(TenantId tenant, String at, long input, long output) {
        assertThat(recorder.record(new UsageEvent(
                        tenant,
                        Instant.parse(at),
                        "generate.plan",
                        "openai",
                        "gpt-4o-mini",
                        "plan-v1",
                        input,
                        output,
                        Duration.ofSeconds(3),
                        "ok",
                        4,
                        0,
                        0)))
                .isTrue();
    }

    @Test
    void whatWasUsedThisCalendarMonthInUtcIsSummed() {
        assertThat(reports.tokensUsedSince(acme, Instant.parse("2026-03-01T00:00:00Z")))
                .isEqualTo(1_000);
        assertThat(reports.tokensUsedSince(new TenantId(UUID.randomUUID().toString()), Instant.EPOCH))
                .isZero();
    }

    @Test
    void aGenerationThatFitsTheBudgetMayStartUpToTheLastToken() {
        assertThatCode(() -> budget.check(acme, 2_000L, 900)).doesNotThrowAnyException();
        assertThatCode(() -> budget.check(acme, 2_000L, 1_000)).doesNotThrowAnyException();
    }

    @Test
    void aGenerationThatWouldGoOverTheBudgetIsRefusedWithUseBudgetAndResetDate() {
        assertThatThrownBy(() -> budget.check(acme, 2_000L, 1_001))
                .isInstanceOfSatisfying(TokenBudgetExceededException.class, e -> {
                    assertThat(e.used()).isEqualTo(1_000);
                    assertThat(e.budget()).isEqualTo(2_000);
                    assertThat(e.resetsOn()).isEqualTo(LocalDate.of(2026, 4, 1));
                })
                .hasMessage("Your site has used 1000 of its 2000 tokens this month and this generation needs about"
                        + " 1001 more; the budget starts again on 2026-04-01. A Jira administrator can raise it in"
                        + " the app's settings.");
    }

    @Test
    void noBudgetOrAZeroBudgetIsUnlimited() {
        assertThatCode(() -> budget.check(acme, null, 50_000_000)).doesNotThrowAnyException();
        assertThatCode(() -> budget.check(acme, 0L, 50_000_000)).doesNotThrowAnyException();
        assertThatCode(() -> budgetAsConfigured.check(globex, null, 50_000_000)).doesNotThrowAnyException();
    }

    @Test
    void decembersBudgetStartsAgainInJanuary() {
        record(acme, "2026-12-02T09:00:00Z", 5_000, 0);
        var december = new TokenBudget(reports, Clock.fixed(Instant.parse("2026-12-31T23:59:59Z"), ZoneOffset.UTC));

        assertThatThrownBy(() -> december.check(acme, 5_000L, 1))
                .isInstanceOfSatisfying(
                        TokenBudgetExceededException.class,
                        e -> assertThat(e.resetsOn()).isEqualTo(LocalDate.of(2027, 1, 1)));
    }
}
