package dev.casewright.generation;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import io.cucumber.gherkin.GherkinDialect;
import io.cucumber.gherkin.GherkinDialectProvider;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Finds near-duplicate scenarios, within one suite or against existing tests, by the cosine
 * similarity of their embeddings from all-MiniLM-L6-v2, which runs in process: no scenario text
 * leaves the service for this check.
 *
 * <p>Each scenario is embedded as its title followed by its step texts without their keywords.
 * Keywords are stripped for the scenario's own language (its {@code # language:} header, English
 * without one) using the official Gherkin dialects, so "Given"/"Angenommen" and "And"/"Und" do not
 * make unrelated scenarios look alike, and the word "Then" shared by every scenario does not raise
 * every similarity.
 */
@Component
class ScenarioDuplicates {

    /**
     * Similarity from which two scenarios count as duplicates. In {@code ScenarioDuplicatesTests} a
     * reworded login scenario with other title casing scores 0.99 against the original, two
     * shipping-cost scenarios of one feature that test different rules 0.67, and login against
     * shipping costs about 0. A threshold of 0.90 flags rewordings and leaves related but different
     * scenarios alone; the user sees every flagged pair and decides.
     */
    static final double DEFAULT_THRESHOLD = 0.90;

    /**
     * Characters of normalized text embedded per scenario. The model was trained on at most 256
     * word pieces. Measured with its tokenizer on lower-cased login steps, 750 characters are about
     * 150 word pieces in English and 240 in German (1,000 would be 320 in German). Longer scenarios
     * are cut at the end, which mostly repeats setup or lists example rows; the title and the first
     * steps say what a scenario is about.
     */
    static final int MAX_EMBEDDED_CHARACTERS = 750;

    private static final Pattern LANGUAGE_HEADER = Pattern.compile("^\\s*#\\s*language\\s*:\\s*(\\S+)\\s*$");

    private static final GherkinDialectProvider DIALECTS = new GherkinDialectProvider();

    private static final Pattern ID_PARTS = Pattern.compile("(.*?)(\\d+)");

    /** Compares ids so that S2 sorts before S10, as a reader expects. */
    private static final Comparator<String> NATURAL_ORDER = (left, right) -> {
        Matcher l = ID_PARTS.matcher(left);
        Matcher r = ID_PARTS.matcher(right);
        if (l.matches() && r.matches() && l.group(1).equals(r.group(1))) {
            int byNumber = new BigDecimal(l.group(2)).compareTo(new BigDecimal(r.group(2)));
            return byNumber != 0 ? byNumber : left.compareTo(right);
        }
        return left.compareTo(right);
    };

    private volatile @Nullable EmbeddingModel model;

    List<DuplicatePair> within(List<ScenarioText> scenarios, double threshold) {
        checkThreshold(threshold);
        if (scenarios.size() < 2) {
            return List.of();
        }
        List<Embedding> embeddings = embed(scenarios);
        List<DuplicatePair> pairs = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            for (int j = i + 1; j < scenarios.size(); j++) {
                double similarity = CosineSimilarity.between(embeddings.get(i), embeddings.get(j));
                if (similarity >= threshold) {
                    String first = scenarios.get(i).id();
                    String second = scenarios.get(j).id();
                    boolean inOrder = NATURAL_ORDER.compare(first, second) <= 0;
                    pairs.add(pair(inOrder ? first : second, inOrder ? second : first, similarity));
                }
            }
        }
        return sorted(pairs);
    }

    List<DuplicatePair> against(List<ScenarioText> scenarios, List<ScenarioText> existingTests, double threshold) {
        checkThreshold(threshold);
        if (scenarios.isEmpty() || existingTests.isEmpty()) {
            return List.of();
        }
        // One batch for both lists: embedAll spreads the texts over the model's worker threads.
        List<Embedding> embeddings =
                embed(Stream.concat(scenarios.stream(), existingTests.stream()).toList());
        List<DuplicatePair> pairs = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            for (int j = 0; j < existingTests.size(); j++) {
                double similarity = CosineSimilarity.between(embeddings.get(i), embeddings.get(scenarios.size() + j));
                if (similarity >= threshold) {
                    pairs.add(pair(scenarios.get(i).id(), existingTests.get(j).id(), similarity));
                }
            }
        }
        return sorted(pairs);
    }

    /** What gets embedded for a scenario: its title and step texts, lower-cased, without keywords. */
    static String embeddedText(ScenarioText scenario) {
        List<String> lines = scenario.gherkin().lines().toList();
        GherkinDialect dialect = dialectOf(lines);
        List<String> stepKeywords = longestFirst(dialect.getStepKeywords());
        List<String> sectionKeywords = longestFirst(Stream.of(
                        dialect.getFeatureKeywords(),
                        dialect.getRuleKeywords(),
                        dialect.getBackgroundKeywords(),
                        dialect.getScenarioKeywords(),
                        dialect.getScenarioOutlineKeywords(),
                        dialect.getExamplesKeywords())
                .flatMap(List::stream)
                .toList());

        StringBuilder text = new StringBuilder(scenario.title().strip());
        for (String rawLine : lines) {
            String line = rawLine.strip();
            if (line.isEmpty()
                    || line.startsWith("#")
                    || line.startsWith("@")
                    || line.startsWith("\"\"\"")
                    || line.startsWith("```")
                    || isSectionHeader(line, sectionKeywords)) {
                continue;
            }
            text.append('\n').append(withoutKeyword(line, stepKeywords));
        }
        String normalized = text.toString().toLowerCase(Locale.ROOT);
        return normalized.length() <= MAX_EMBEDDED_CHARACTERS
                ? normalized
                : normalized.substring(0, MAX_EMBEDDED_CHARACTERS);
    }

    private List<Embedding> embed(List<ScenarioText> scenarios) {
        List<TextSegment> segments = scenarios.stream()
                .map(scenario -> TextSegment.from(embeddedText(scenario)))
                .toList();
        return model().embedAll(segments).content();
    }

    /** Loads the model now, so the first generation after start-up does not wait for it. */
    void warmUp() {
        model();
    }

    boolean loaded() {
        return model != null;
    }

    /** Loads the ONNX model (about 90 MB, 100 ms or more) on first use only, once per instance. */
    private EmbeddingModel model() {
        EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                loaded = model;
                if (loaded == null) {
                    loaded = new AllMiniLmL6V2EmbeddingModel();
                    model = loaded;
                }
            }
        }
        return loaded;
    }

    private static GherkinDialect dialectOf(List<String> lines) {
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            Matcher header = LANGUAGE_HEADER.matcher(line);
            if (header.matches()) {
                return DIALECTS.getDialect(header.group(1)).orElse(DIALECTS.getDefaultDialect());
            }
            if (!line.strip().startsWith("#")) {
                break;
            }
        }
        return DIALECTS.getDefaultDialect();
    }

    private static boolean isSectionHeader(String line, List<String> sectionKeywords) {
        return sectionKeywords.stream().anyMatch(keyword -> line.startsWith(keyword + ":"));
    }

    private static String withoutKeyword(String line, List<String> stepKeywords) {
        for (String keyword : stepKeywords) {
            // Dialect step keywords carry their trailing space where the language separates words.
            if (line.startsWith(keyword)) {
                return line.substring(keyword.length()).strip();
            }
        }
        return line.startsWith("|") ? line.replace('|', ' ').strip() : line;
    }

    private static List<String> longestFirst(List<String> keywords) {
        return keywords.stream()
                .filter(keyword -> !keyword.isBlank())
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    private static DuplicatePair pair(String a, String b, double similarity) {
        double rounded = BigDecimal.valueOf(Math.min(similarity, 1.0))
                .setScale(2, RoundingMode.HALF_UP)
                .doubleValue();
        return new DuplicatePair(a, b, rounded);
    }

    /** Most similar first, so the pairs most worth a look lead the list; ties in id order. */
    private static List<DuplicatePair> sorted(List<DuplicatePair> pairs) {
        return pairs.stream()
                .sorted(Comparator.comparingDouble(DuplicatePair::similarity)
                        .reversed()
                        .thenComparing(DuplicatePair::a, NATURAL_ORDER)
                        .thenComparing(DuplicatePair::b, NATURAL_ORDER))
                .toList();
    }

    private static void checkThreshold(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("The threshold must be above 0 and at most 1: " + threshold);
        }
    }
}
