package dev.casewright.generation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline Markdown of one line turned into the plain text a criterion holds: emphasis, code spans,
 * links and backslash escapes removed, {@code <br>} and runs of whitespace made one space. HTML
 * comments are removed here too; {@link PromptInjections} has already reported them.
 */
final class PlainText {

    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern HTML_COMMENT = Pattern.compile("<!--.*?(-->|$)", Pattern.DOTALL);
    private static final Pattern BREAK = Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\(([^)\\s]*)\\)");
    private static final Pattern STRONG = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");
    private static final Pattern EMPHASIS = Pattern.compile("(?<![\\\\\\w*])([*_])(?=\\S)(.+?)(?<=\\S)\\1(?![\\w*])");
    private static final Pattern STRIKE = Pattern.compile("~~(.+?)~~");
    private static final Pattern ESCAPE = Pattern.compile("\\\\(\\p{Punct})");

    private PlainText() {}

    static String of(String markdown) {
        String text =
                BREAK.matcher(HTML_COMMENT.matcher(markdown).replaceAll(" ")).replaceAll(" ");
        // Code spans keep their content verbatim, so only the text between them is unformatted.
        StringBuilder out = new StringBuilder();
        Matcher code = CODE_SPAN.matcher(text);
        int last = 0;
        while (code.find()) {
            out.append(unformat(text.substring(last, code.start())));
            out.append(code.group(2).strip());
            last = code.end();
        }
        out.append(unformat(text.substring(last)));
        return out.toString().replaceAll("\\s+", " ").strip();
    }

    private static String unformat(String text) {
        String result = LINK.matcher(text)
                .replaceAll(link -> Matcher.quoteReplacement(link.group(1).isBlank() ? link.group(2) : link.group(1)));
        result = STRONG.matcher(result).replaceAll("$2");
        result = EMPHASIS.matcher(result).replaceAll("$2");
        result = STRIKE.matcher(result).replaceAll("$1");
        return ESCAPE.matcher(result).replaceAll(escape -> Matcher.quoteReplacement(escape.group(1)));
    }
}
