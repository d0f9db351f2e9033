package dev.casewright.jira;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Writes one run of inline content (a paragraph, a heading, a table cell line) with its marks.
 *
 * <p>ADF marks each text node separately; Markdown delimits spans. Open marks are kept on a stack
 * and only closed when the next text no longer carries them, so {@code [strong]a, [strong, em]b}
 * becomes {@code **a*b***} rather than {@code **a*****b***}. Whitespace at the edges of a marked
 * text is moved outside the delimiters, because {@code **bold **} is not bold in Markdown.
 */
final class InlineMarkdown {

    /** Marks in nesting order, outermost first. {@code CODE} is innermost and written per text. */
    enum Kind {
        LINK,
        STRONG,
        EM,
        STRIKE,
        UNDERLINE,
        SUPERSCRIPT,
        SUBSCRIPT,
        CODE
    }

    record Mark(Kind kind, String href) {

        /**
         * The marks Markdown can show, sorted and without duplicates. Colours, alignment,
         * indentation and annotations carry nothing a reader of the text needs.
         */
        static List<Mark> of(JsonNode textNode) {
            JsonNode marks = textNode.get("marks");
            if (marks == null || !marks.isArray() || marks.isEmpty()) {
                return List.of();
            }
            List<Mark> result = new ArrayList<>(marks.size());
            for (JsonNode mark : marks) {
                Mark parsed = parse(mark);
                if (parsed != null && !result.contains(parsed)) {
                    result.add(parsed);
                }
            }
            result.sort((left, right) -> left.kind().compareTo(right.kind()));
            return result;
        }

        private static @Nullable Mark parse(JsonNode mark) {
            if (!mark.isObject()) {
                return null;
            }
            return switch (AdfNodes.type(mark)) {
                case "strong" -> new Mark(Kind.STRONG, "");
                case "em" -> new Mark(Kind.EM, "");
                case "strike" -> new Mark(Kind.STRIKE, "");
                case "underline" -> new Mark(Kind.UNDERLINE, "");
                case "code" -> new Mark(Kind.CODE, "");
                case "subsup" -> {
                    String type = AdfNodes.attribute(mark, "type");
                    yield "sub".equals(type)
                            ? new Mark(Kind.SUBSCRIPT, "")
                            : "sup".equals(type) ? new Mark(Kind.SUPERSCRIPT, "") : null;
                }
                case "link" -> {
                    String href = AdfNodes.attribute(mark, "href");
                    yield href == null || href.isBlank() ? null : new Mark(Kind.LINK, href);
                }
                default -> null;
            };
        }

        String opening() {
            return switch (kind) {
                case LINK -> "[";
                case STRONG -> "**";
                case EM -> "*";
                case STRIKE -> "~~";
                case UNDERLINE -> "<u>";
                case SUPERSCRIPT -> "<sup>";
                case SUBSCRIPT -> "<sub>";
                case CODE -> "";
            };
        }

        String closing() {
            return switch (kind) {
                case LINK -> "](" + MarkdownSyntax.destination(href) + ")";
                case STRONG -> "**";
                case EM -> "*";
                case STRIKE -> "~~";
                case UNDERLINE -> "</u>";
                case SUPERSCRIPT -> "</sup>";
                case SUBSCRIPT -> "</sub>";
                case CODE -> "";
            };
        }
    }

    private final StringBuilder out = new StringBuilder();
    private final List<Mark> open = new ArrayList<>();
    private final StringBuilder pendingSpace = new StringBuilder();

    void text(String text, List<Mark> marks) {
        if (text.indexOf('\r') >= 0) {
            text = text.replace("\r\n", "\n").replace('\r', '\n');
        }
        int start = 0;
        int newline;
        while ((newline = text.indexOf('\n', start)) >= 0) {
            segment(text.substring(start, newline), marks);
            lineBreak();
            start = newline + 1;
        }
        segment(start == 0 ? text : text.substring(start), marks);
    }

    /** Markdown that stands on its own (a mention, a date, a link card): it takes no open marks. */
    void atom(String markdown) {
        if (markdown.isEmpty()) {
            return;
        }
        closeAll();
        out.append(pendingSpace).append(markdown);
        pendingSpace.setLength(0);
    }

    void lineBreak() {
        closeAll();
        pendingSpace.setLength(0);
        out.append('\n');
    }

    /** Whitespace that separates what came before from what follows, if anything follows. */
    void space() {
        pendingSpace.append(' ');
    }

    String finish() {
        closeAll();
        pendingSpace.setLength(0);
        return out.toString();
    }

    private void segment(String text, List<Mark> marks) {
        int start = 0;
        int end = text.length();
        while (start < end && MarkdownSyntax.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && MarkdownSyntax.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            pendingSpace.append(text);
            return;
        }
        boolean code = false;
        List<Mark> spans = marks;
        if (!marks.isEmpty() && marks.get(marks.size() - 1).kind() == Kind.CODE) {
            code = true;
            spans = marks.subList(0, marks.size() - 1);
        }
        int keep = 0;
        while (keep < open.size() && keep < spans.size() && open.get(keep).equals(spans.get(keep))) {
            keep++;
        }
        for (int i = open.size() - 1; i >= keep; i--) {
            out.append(open.remove(i).closing());
        }
        out.append(pendingSpace).append(text, 0, start);
        pendingSpace.setLength(0);
        for (int i = keep; i < spans.size(); i++) {
            Mark mark = spans.get(i);
            out.append(mark.opening());
            open.add(mark);
        }
        String core = text.substring(start, end);
        boolean insideLink = !open.isEmpty() && open.get(0).kind() == Kind.LINK;
        out.append(code ? MarkdownSyntax.codeSpan(core) : MarkdownSyntax.escapeInline(core, insideLink));
        pendingSpace.append(text, end, text.length());
    }

    private void closeAll() {
        for (int i = open.size() - 1; i >= 0; i--) {
            out.append(open.remove(i).closing());
        }
    }
}
