package dev.casewright.generation;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * How alike an extracted criterion is to the one a tester wrote: the Jaccard index of their token
 * sets after normalising case, quotes, dashes, arrows and punctuation. Scripts written without
 * spaces (Japanese, Chinese) are compared by character bigrams, since their "tokens" would be
 * whole sentences.
 */
final class CriterionSimilarity {

    private CriterionSimilarity() {}

    static double of(String expected, String extracted) {
        Set<String> a = tokens(expected);
        Set<String> b = tokens(extracted);
        if (a.isEmpty() && b.isEmpty()) {
            return 1.0;
        }
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        Set<String> common = new HashSet<>(a);
        common.retainAll(b);
        return (double) common.size() / union.size();
    }

    static Set<String> tokens(String text) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .strip();
        Set<String> tokens = new HashSet<>();
        for (String word : normalized.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (word.codePoints().anyMatch(CriterionSimilarity::isUnspaced)) {
                for (int i = 0; i + 1 < word.length(); i++) {
                    tokens.add(word.substring(i, i + 2));
                }
                if (word.length() == 1) {
                    tokens.add(word);
                }
            } else {
                tokens.add(word);
            }
        }
        return tokens;
    }

    private static boolean isUnspaced(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }
}
