package dev.casewright.jira;

import java.util.regex.Pattern;

/**
 * Markdown escaping and code syntax for {@link AdfToMarkdown}. The Markdown goes into a prompt, not
 * a renderer, so escaping stays light: only where a character would otherwise change the structure
 * a reader (or a model) sees.
 */
final class MarkdownSyntax {

    private static final Pattern LINE_START_MARKER =
            Pattern.compile("#{1,6}(?:[ \\t].*)?|>.*|[-+*](?:[ \\t].*)?|[=-]+[ \\t]*|(?:[-*_][ \\t]*){3,}");
    private static final Pattern ORDERED_MARKER = Pattern.compile("(\\d{1,9})([.)])((?:[ \\t].*)?)");

    private MarkdownSyntax() {}

    /**
     * Escapes text so it stays text: backticks, emphasis characters that could open or close
     * emphasis, tilde pairs, and backslashes that would escape what follows. Intraword underscores
     * ({@code snake_case}) and a lone {@code *} between spaces cannot format anything and stay as
     * they are.
     */
    static String escapeInline(String text, boolean insideLinkText) {
        StringBuilder out = null;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean escape = switch (c) {
                case '`' -> true;
                case '\\' -> i + 1 < length && isAsciiPunctuation(text.charAt(i + 1));
                case '*' -> !(isSpace(text, i - 1) && isSpace(text, i + 1));
                case '_' ->
                    !((isWordCharacter(text, i - 1) && isWordCharacter(text, i + 1))
                            || (isSpace(text, i - 1) && isSpace(text, i + 1)));
                case '~' -> charAt(text, i - 1) == '~' || charAt(text, i + 1) == '~';
                case '[', ']' -> insideLinkText;
                default -> false;
            };
            if (escape && out == null) {
                out = new StringBuilder(length + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escape) {
                    out.append('\\');
                }
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * Escapes what would make a line at the start of a paragraph into something else: a heading, a
     * quote, a list item, a rule or a setext underline. (Backtick and tilde fences cannot form:
     * {@link #escapeInline} already escapes every backtick and every tilde pair.)
     */
    static String escapeLineStart(String line) {
        if (line.isEmpty()) {
            return line;
        }
        char first = line.charAt(0);
        if (first >= '0' && first <= '9') {
            var ordered = ORDERED_MARKER.matcher(line);
            return ordered.matches() ? ordered.group(1) + "\\" + ordered.group(2) + ordered.group(3) : line;
        }
        if ("#>-+*=_".indexOf(first) < 0) {
            return line;
        }
        return LINE_START_MARKER.matcher(line).matches() ? "\\" + line : line;
    }

    /** A heading's closing {@code #} run would be dropped by a renderer. */
    static String escapeHeadingEnd(String text) {
        int end = text.length();
        int start = end;
        while (start > 0 && text.charAt(start - 1) == '#') {
            start--;
        }
        if (start == end || (start > 0 && !isWhitespace(text.charAt(start - 1)))) {
            return text;
        }
        return text.substring(0, start) + "\\" + text.substring(start);
    }

    /** Inline code, delimited by more backticks than the longest run inside. */
    static String codeSpan(String code) {
        String fence = "`".repeat(longestBacktickRun(code) + 1);
        boolean pad = code.startsWith("`")
                || code.endsWith("`")
                || (code.startsWith(" ") && code.endsWith(" ") && !code.isBlank());
        return pad ? fence + " " + code + " " + fence : fence + code + fence;
    }

    /**
     * A fenced code block. The lines between the fences are the code followed by one newline, so
     * the code comes back byte for byte, including a trailing newline of its own.
     */
    static String fencedCode(String code, String language) {
        String fence = "`".repeat(Math.max(3, longestBacktickRun(code) + 1));
        return fence + infoString(language) + "\n" + code + "\n" + fence;
    }

    /** A link destination that cannot end the link early or spill onto another line. */
    static String destination(String href) {
        String trimmed = href.strip();
        StringBuilder out = new StringBuilder(trimmed.length());
        boolean balanced = parenthesesBalance(trimmed);
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            switch (c) {
                case ' ' -> out.append("%20");
                case '<' -> out.append("%3C");
                case '>' -> out.append("%3E");
                case '(' -> out.append(balanced ? "(" : "%28");
                case ')' -> out.append(balanced ? ")" : "%29");
                default -> {
                    if (!Character.isWhitespace(c) && !Character.isISOControl(c)) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    static String escapeTableCell(String cell) {
        return cell.replace("|", "\\|");
    }

    /** Whitespace as CommonMark sees it around emphasis, including the no-break space Jira likes. */
    static boolean isWhitespace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    static String stripTrailing(String text) {
        int end = text.length();
        while (end > 0 && isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static String infoString(String language) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < language.length(); i++) {
            char c = language.charAt(i);
            if (isWhitespace(c)) {
                if (out.length() > 0) {
                    break;
                }
                continue;
            }
            if (c != '`' && !Character.isISOControl(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int longestBacktickRun(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private static boolean parenthesesBalance(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    private static char charAt(String text, int index) {
        return index >= 0 && index < text.length() ? text.charAt(index) : '\0';
    }

    /** Outside the text counts as not a space: what borders it is unknown, so escape rather than guess. */
    private static boolean isSpace(String text, int index) {
        return index >= 0 && index < text.length() && isWhitespace(text.charAt(index));
    }

    private static boolean isWordCharacter(String text, int index) {
        return index >= 0 && index < text.length() && Character.isLetterOrDigit(text.charAt(index));
    }

    private static boolean isAsciiPunctuation(char c) {
        return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    }
}
