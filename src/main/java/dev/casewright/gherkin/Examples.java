package dev.casewright.gherkin;

import java.util.List;

/** The Examples table of a Scenario Outline: a header of placeholder names and at least one row of values. */
public record Examples(List<String> header, List<List<String>> rows) {

    public Examples {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        if (header.isEmpty()) {
            throw new IllegalArgumentException("Examples need a header row");
        }
        int width = header.size();
        if (rows.stream().anyMatch(row -> row.size() != width)) {
            throw new IllegalArgumentException("every Examples row needs as many cells as the header");
        }
    }
}
