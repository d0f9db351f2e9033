package dev.casewright.extraction;

import java.io.IOException;
import java.io.Reader;
import org.xml.sax.SAXException;

/**
 * Writes comma-, semicolon- or tab-separated values as a Markdown table, streaming: one cell at a
 * time, so the character limit stops it however long the file is. Quoted fields may contain
 * separators, doubled quotes and line breaks (RFC 4180); line breaks inside a cell become spaces.
 */
final class CsvTables {

    private CsvTables() {}

    /** Guesses the separator from the first line: the most frequent of comma, semicolon and tab. */
    static char separatorOf(String firstLine) {
        long commas = firstLine.chars().filter(c -> c == ',').count();
        long semicolons = firstLine.chars().filter(c -> c == ';').count();
        long tabs = firstLine.chars().filter(c -> c == '\t').count();
        if (tabs > commas && tabs >= semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    static void write(Reader in, char separator, BoundedText out) throws IOException, SAXException {
        StringBuilder row = new StringBuilder("| ");
        int rowIndex = 0;
        int cells = 1;
        boolean quoted = false;
        boolean rowHasContent = false;
        int c = in.read();
        if (c == '\uFEFF') {
            c = in.read();
        }
        for (; c != -1; c = in.read()) {
            if (quoted) {
                if (c == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        row.append('"');
                    } else {
                        quoted = false;
                        if (next == -1) {
                            break;
                        }
                        in.reset();
                    }
                } else {
                    appendCellChar(row, (char) c);
                }
                rowHasContent = true;
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                row.append(" | ");
                cells++;
                rowHasContent = true;
            } else if (c == '\n') {
                if (rowHasContent) {
                    writeRow(out, row, rowIndex++, cells);
                }
                row.setLength(0);
                row.append("| ");
                cells = 1;
                rowHasContent = false;
            } else if (c != '\r') {
                appendCellChar(row, (char) c);
                rowHasContent = true;
            }
            if (row.length() > 4096) {
                // A single enormous row must not grow without bound before the limit sees it.
                out.append(row);
                row.setLength(0);
            }
        }
        if (rowHasContent) {
            writeRow(out, row, rowIndex, cells);
        }
    }

    private static void appendCellChar(StringBuilder row, char c) {
        if (c == '|') {
            row.append("\\|");
        } else if (c == '\r') {
            // Dropped: "\r\n" in a quoted field is one line break, which becomes one space.
        } else if (c == '\n' || c == '\t') {
            row.append(' ');
        } else {
            row.append(c);
        }
    }

    private static void writeRow(BoundedText out, StringBuilder row, int rowIndex, int cells) throws SAXException {
        row.append(" |\n");
        if (rowIndex == 0) {
            row.append("|---".repeat(cells)).append("|\n");
        }
        out.append(row);
    }
}
