package dev.casewright.gherkin;

import java.util.List;

/** A step's data table: rows of cells, all rows of the same width. */
public record DataTable(List<List<String>> rows) implements StepArgument {

    public DataTable {
        rows = rows.stream().map(List::copyOf).toList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a data table needs at least one row");
        }
        int width = rows.get(0).size();
        if (width == 0 || rows.stream().anyMatch(row -> row.size() != width)) {
            throw new IllegalArgumentException("every row of a data table needs the same, non-zero number of cells");
        }
    }
}
