package dev.casewright.extraction;

import java.util.Locale;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Writes Tika's XHTML events as Markdown-ish text: paragraphs separated by blank lines, headings as
 * {@code #} lines, list items as {@code - } lines and tables as Markdown tables (the first row is the
 * header row). It streams: nothing is kept beyond the current event, so a huge table costs no memory
 * beyond the character limit of its {@link BoundedText}.
 *
 * <p>Expects body content only (wrap it in Tika's {@code BodyContentHandler}). Nested tables are
 * flattened into their outer cell.
 */
final class MarkdownContentHandler extends DefaultHandler {

    private final BoundedText out;
    private final int headingOffset;
    private final boolean keepLineLayout;
    private final StringBuilder buffer = new StringBuilder();

    private boolean wroteAnything;
    private Break pendingBreak = Break.NONE;
    private String pendingPrefix = "";
    private boolean pendingSpace;
    private boolean lastWasNewline;
    private int tableDepth;
    private boolean inRow;
    private int rowIndex;
    private int cellIndex;
    private boolean atCellStart;

    private enum Break {
        NONE,
        LINE,
        BLANK_LINE
    }

    /**
     * @param headingOffset added to heading levels, so that spreadsheets' sheet names ({@code h1})
     *     become {@code ###} headings
     * @param keepLineLayout keep lines and spaces as they are (plain text, Markdown, JSON) instead of
     *     collapsing runs of whitespace as for laid-out documents
     */
    MarkdownContentHandler(BoundedText out, int headingOffset, boolean keepLineLayout) {
        this.out = out;
        this.headingOffset = headingOffset;
        this.keepLineLayout = keepLineLayout;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
        String name = name(localName, qName);
        if (name.equals("table") && tableDepth++ > 0) {
            pendingSpace = true;
            return;
        }
        if (tableDepth == 1 && inRow && (name.equals("td") || name.equals("th"))) {
            structure(cellIndex++ == 0 ? "| " : " | ");
            atCellStart = true;
            flush();
            return;
        }
        if (inCell()) {
            if (isBlock(name) || name.equals("br") || name.equals("li")) {
                pendingSpace = true;
            }
            return;
        }
        switch (name) {
            case "table" -> {
                raise(Break.BLANK_LINE);
                rowIndex = 0;
            }
            case "tr" -> {
                if (tableDepth == 1) {
                    raise(Break.LINE);
                    inRow = true;
                    cellIndex = 0;
                }
            }
            case "li" -> {
                raise(Break.LINE);
                pendingPrefix = "- ";
            }
            case "br" -> raise(Break.LINE);
            case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                raise(Break.BLANK_LINE);
                pendingPrefix = "#".repeat(Math.min(6, name.charAt(1) - '0' + headingOffset)) + " ";
            }
            default -> {
                if (isBlock(name)) {
                    raise(Break.BLANK_LINE);
                }
            }
        }
        flush();
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        String name = name(localName, qName);
        if (name.equals("table")) {
            if (tableDepth > 0 && --tableDepth == 0) {
                inRow = false;
                raise(Break.BLANK_LINE);
            }
            return;
        }
        if (name.equals("tr") && tableDepth == 1 && inRow) {
            endRow();
        } else if (!inCell() && (isBlock(name) || name.equals("li"))) {
            // A heading or list item that had no text must not lend its prefix to the next text.
            pendingPrefix = "";
            raise(name.equals("li") ? Break.LINE : Break.BLANK_LINE);
        }
        flush();
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        boolean cell = inCell();
        for (int i = start; i < start + length; i++) {
            char c = ch[i];
            if (c == '\r') {
                continue;
            }
            boolean space = Character.isWhitespace(c) || c == '\u00a0';
            if (cell) {
                if (space) {
                    pendingSpace = true;
                } else {
                    visible(c == '|' ? "\\|" : String.valueOf(c));
                }
            } else if (c == '\n') {
                // In plain text a second newline in a row is an empty line the author wanted.
                raise(keepLineLayout && lastWasNewline ? Break.BLANK_LINE : Break.LINE);
                lastWasNewline = true;
                pendingSpace = false;
            } else if (space && !keepLineLayout) {
                pendingSpace = true;
            } else {
                visible(c);
            }
        }
        flush();
    }

    private void endRow() {
        inRow = false;
        pendingSpace = false;
        if (cellIndex == 0) {
            return;
        }
        buffer.append(" |");
        if (rowIndex == 0) {
            buffer.append('\n').append("|---".repeat(cellIndex)).append('|');
        }
        rowIndex++;
        raise(Break.LINE);
    }

    private void visible(char c) {
        startText();
        buffer.append(c);
    }

    private void visible(String text) {
        startText();
        buffer.append(text);
    }

    private void startText() {
        if (pendingBreak != Break.NONE || !pendingPrefix.isEmpty()) {
            structure("");
        } else if (pendingSpace && wroteAnything && !atCellStart) {
            buffer.append(' ');
        }
        pendingSpace = false;
        atCellStart = false;
        lastWasNewline = false;
        wroteAnything = true;
    }

    /** Writes markup (table bars, a heading's hashes) after any pending line break. */
    private void structure(String markup) {
        if (wroteAnything) {
            switch (pendingBreak) {
                case LINE -> buffer.append('\n');
                case BLANK_LINE -> buffer.append("\n\n");
                case NONE -> {}
            }
        }
        buffer.append(pendingPrefix).append(markup);
        pendingBreak = Break.NONE;
        pendingPrefix = "";
        pendingSpace = false;
        wroteAnything = wroteAnything || !buffer.isEmpty();
    }

    private void raise(Break kind) {
        if (kind.ordinal() > pendingBreak.ordinal()) {
            pendingBreak = kind;
        }
        pendingSpace = false;
    }

    private void flush() throws SAXException {
        if (!buffer.isEmpty()) {
            String text = buffer.toString();
            buffer.setLength(0);
            out.append(text);
        }
    }

    private boolean inCell() {
        return tableDepth > 0 && inRow && cellIndex > 0;
    }

    private static boolean isBlock(String name) {
        return switch (name) {
            case "p",
                    "div",
                    "ul",
                    "ol",
                    "blockquote",
                    "pre",
                    "section",
                    "article",
                    "header",
                    "footer",
                    "dl",
                    "dt",
                    "dd",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6" -> true;
            default -> false;
        };
    }

    private static String name(String localName, String qName) {
        return (localName.isEmpty() ? qName : localName).toLowerCase(Locale.ROOT);
    }
}
