package dev.casewright.generation;

import java.util.List;

/**
 * Which acceptance criteria the scenarios of a suite cover.
 *
 * @param criteria every criterion of the issue, in order, with the scenarios that cover it
 * @param covered how many criteria at least one scenario covers
 * @param total how many criteria the issue has
 */
public record Coverage(List<CriterionCoverage> criteria, int covered, int total) {

    public Coverage {
        criteria = List.copyOf(criteria);
    }
}
