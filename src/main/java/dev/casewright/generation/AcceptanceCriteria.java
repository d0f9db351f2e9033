package dev.casewright.generation;

import java.util.List;

/**
 * The acceptance criteria extracted from an issue, in order, and the lines that were left out
 * because they address an AI rather than describe the product (so the panel can warn about them).
 *
 * @param criteria {@code AC1..n}; empty when the issue states none — the generator then says so
 *     instead of inventing criteria
 * @param flaggedInstructions lines found anywhere in the acceptance-criteria field or the
 *     description that read as instructions to a model (prompt injection); never part of {@code
 *     criteria}
 */
record AcceptanceCriteria(List<Criterion> criteria, List<String> flaggedInstructions) {

    static final AcceptanceCriteria NONE = new AcceptanceCriteria(List.of(), List.of());

    AcceptanceCriteria {
        criteria = List.copyOf(criteria);
        flaggedInstructions = List.copyOf(flaggedInstructions);
    }

    boolean isEmpty() {
        return criteria.isEmpty();
    }

    List<String> texts() {
        return criteria.stream().map(Criterion::text).toList();
    }
}
