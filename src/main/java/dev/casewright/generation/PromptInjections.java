package dev.casewright.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises text in an issue that speaks to an AI instead of describing the product: "ignore
 * previous instructions", "output the system prompt", "note to any AI model", and every HTML
 * comment (Jira shows none of them, so a reader of the issue never sees what the model would).
 * Such text is never a criterion; it is reported so the panel can warn.
 *
 * <p>The patterns stay narrow on purpose: a false alarm drops a real criterion, so "you are" alone
 * is not enough, only "you are now …" or "you are an AI/assistant/model".
 */
final class PromptInjections {

    private static final Pattern HTML_COMMENT = Pattern.compile("<!--(.*?)(?:-->|$)", Pattern.DOTALL);
    private static final Pattern INSTRUCTION = Pattern.compile(
            String.join(
                    "|",
                    "\\b(?:ignore|disregard|forget|override)\\b.{0,40}\\b(?:previous|prior|above|earlier|preceding|other|all your)\\b.{0,20}\\b(?:instructions?|prompts?|rules|directions)\\b",
                    "\\bsystem prompt\\b",
                    "\\byou are (?:now\\b|an? (?:ai|assistant|language model|llm|chatbot)\\b)",
                    "\\b(?:note|message|instructions?|attention)\\s+(?:to|for)\\s+(?:any |all |the )?(?:ai|llm|language model|model|assistant)s?\\b",
                    "\\b(?:ai|llm) (?:models?|assistants?|agents?)\\b.{0,40}\\b(?:reading|generating|processing)\\b",
                    "\\btakes? priority over\\b.{0,30}\\binstructions\\b",
                    "\\brespond only with\\b",
                    "\\bin (?:every|each|all) (?:scenarios?|test cases?|tests?)\\b.{0,20}\\badd\\b",
                    "\\bdo not (?:mention|reveal|tell)\\b.{0,30}\\b(?:this|these) (?:note|instructions?)\\b",
                    "\\bignoriere\\b.{0,40}\\banweisungen\\b",
                    "\\bignore[zr]?\\b.{0,40}\\binstructions\\b",
                    "\\bignora[r]?\\b.{0,40}\\binstrucciones\\b",
                    "\\bignor[ea]\\b.{0,40}\\binstruções\\b",
                    "(?:以前|前)の指示を無視"),
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern COMMENT_LEAD = Pattern.compile("^\\s*(?://+|#+|--|/\\*+|\\*+|;+)\\s*");
    private static final int MAX_REPORTED_LENGTH = 300;

    private PromptInjections() {}

    /** Whether a line (or one criterion's text) addresses an AI. */
    static boolean isInstruction(String text) {
        return HTML_COMMENT.matcher(text).find() || INSTRUCTION.matcher(text).find();
    }

    /** Every line of the Markdown that addresses an AI, as it reads without comment markers. */
    static List<String> find(String markdown) {
        List<String> found = new ArrayList<>();
        Matcher comments = HTML_COMMENT.matcher(markdown);
        while (comments.find()) {
            add(found, comments.group(1));
        }
        String withoutComments = HTML_COMMENT.matcher(markdown).replaceAll(" ");
        withoutComments
                .lines()
                .filter(line -> INSTRUCTION.matcher(line).find())
                .forEach(line -> add(found, COMMENT_LEAD.matcher(line).replaceFirst("")));
        return found;
    }

    private static void add(List<String> found, String raw) {
        String text = raw.replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            return;
        }
        if (text.length() > MAX_REPORTED_LENGTH) {
            text = text.substring(0, MAX_REPORTED_LENGTH) + "…";
        }
        if (!found.contains(text)) {
            found.add(text);
        }
    }
}
