package dev.casewright.jira;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Lays ADF table cells out on a grid and writes it as a GFM table. ADF leaves out the cells that a
 * {@code rowspan} or {@code colspan} covers; the grid puts empty cells there, so every later cell
 * stays in its column.
 */
final class MarkdownTable {

    /** No real table is this wide; the cap keeps a hostile {@code colspan} from costing memory. */
    static final int MAX_SPAN = 1000;

    private final List<List<String>> rows = new ArrayList<>();
    /** Per column: how many more rows a cell from above still covers. */
    private final List<Integer> coveredBelow = new ArrayList<>();

    private List<String> row = new ArrayList<>();

    void startRow() {
        row = new ArrayList<>();
        rows.add(row);
    }

    /** Adds the next cell of the current row; {@code markdown} is already one line. */
    void cell(String markdown, int colspan, int rowspan) {
        skipCoveredColumns();
        int column = row.size();
        row.add(markdown);
        for (int i = 1; i < colspan; i++) {
            row.add("");
        }
        while (coveredBelow.size() < column + colspan) {
            coveredBelow.add(0);
        }
        for (int i = column; i < column + colspan; i++) {
            coveredBelow.set(i, rowspan - 1);
        }
    }

    void endRow() {
        skipCoveredColumns();
        for (int i = row.size(); i < coveredBelow.size(); i++) {
            if (coveredBelow.get(i) > 0) {
                coveredBelow.set(i, coveredBelow.get(i) - 1);
            }
        }
    }

    /**
     * The table in GFM. Markdown tables must have a header row; when the ADF table has none, the
     * header is left empty rather than promoting a data row to a header.
     */
    String render(boolean firstRowIsHeader) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        if (columns == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int first = 0;
        if (firstRowIsHeader) {
            appendRow(out, rows.get(0), columns);
            first = 1;
        } else {
            appendRow(out, Collections.nCopies(columns, ""), columns);
        }
        out.append('\n').append("| --- ".repeat(columns)).append("|");
        for (int i = first; i < rows.size(); i++) {
            out.append('\n');
            appendRow(out, rows.get(i), columns);
        }
        return out.toString();
    }

    private void skipCoveredColumns() {
        int column = row.size();
        while (column < coveredBelow.size() && coveredBelow.get(column) > 0) {
            row.add("");
            coveredBelow.set(column, coveredBelow.get(column) - 1);
            column++;
        }
    }

    private static void appendRow(StringBuilder out, List<String> cells, int columns) {
        out.append('|');
        for (int i = 0; i < columns; i++) {
            String cell = i < cells.size() ? cells.get(i) : "";
            out.append(' ').append(cell).append(cell.isEmpty() ? "|" : " |");
        }
    }
}
