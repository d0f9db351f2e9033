package dev.casewright.generation;

import java.time.LocalDate;

/** A generation would take a tenant over its monthly token budget. Counts only, never content. */
class TokenBudgetExceededException extends RuntimeException {

    private final long used;
    private final long budget;
    private final LocalDate resetsOn;

    TokenBudgetExceededException(long used, long budget, long estimate, LocalDate resetsOn) {
        super("Your site has used " + used + " of its " + budget + " tokens this month and this generation needs about "
                + estimate + " more; the budget starts again on " + resetsOn
                + ". A Jira administrator can raise it in the app's settings.");
        this.used = used;
        this.budget = budget;
        this.resetsOn = resetsOn;
    }

    long used() {
        return used;
    }

    long budget() {
        return budget;
    }

    LocalDate resetsOn() {
        return resetsOn;
    }
}
