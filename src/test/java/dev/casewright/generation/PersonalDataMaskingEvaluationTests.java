package dev.casewright.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casewright.generation.PiiFixtures.Issue;
import dev.casewright.generation.PiiFixtures.Label;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recall and precision of the masker over the 27 labelled issues. A label is found when its value
 * no longer appears in any masked text and a placeholder of the matching type stands for a value
 * containing it. A placeholder is a false positive when the value it stands for is no labelled value
 * of its type; all 27 issues count, including the 22 without personal data. The measured table is
 * written to {@code target/pii-masking-report.md}, from which {@code docs/pii-masking.md} is
 * refreshed.
 */
class PersonalDataMaskingEvaluationTests {

    /** The fixture label types and the placeholder type that should replace each. */
    private static final Map<String, PersonalDataType> PLACEHOLDER_TYPES = Map.ofEntries(
            Map.entry("EMAIL", PersonalDataType.EMAIL),
            Map.entry("PHONE", PersonalDataType.PHONE),
            Map.entry("IBAN", PersonalDataType.IBAN),
            Map.entry("CARD", PersonalDataType.CARD),
            Map.entry("IPV4", PersonalDataType.IPV4),
            Map.entry("IPV6", PersonalDataType.IPV6),
            Map.entry("AWS_KEY", PersonalDataType.SECRET),
            Map.entry("JWT", PersonalDataType.SECRET),
            Map.entry("PASSWORD", PersonalDataType.SECRET),
            Map.entry("MENTION", PersonalDataType.USER),
            Map.entry("PERSON_NAME", PersonalDataType.PERSON),
            Map.entry("DATE_OF_BIRTH", PersonalDataType.DATE_OF_BIRTH));

    private static final Path REPORT = Path.of("target", "pii-masking-report.md");

    private static final Map<String, Score> recall = new TreeMap<>();
    private static final Map<PersonalDataType, Score> precision = new TreeMap<>();
    private static final List<String> misses = new ArrayList<>();
    private static final List<String> falsePositives = new ArrayList<>();

    static final class Score {
        int hits;
        int total;

        void count(boolean hit) {
            total++;
            if (hit) {
                hits++;
            }
        }

        double ratio() {
            return total == 0 ? 1.0 : (double) hits / total;
        }

        String format() {
            return total == 0 ? "–" : String.format(Locale.ROOT, "%.2f (%d/%d)", ratio(), hits, total);
        }
    }

    @BeforeAll
    static void evaluateEveryIssue() throws IOException {
        PersonalDataMasker masker = new PersonalDataMasker();
        for (Issue issue : PiiFixtures.issues()) {
            MaskingSession session = masker.startSession(issue.mentionNames());
            List<String> maskedTexts = new ArrayList<>();
            MaskedText last = null;
            for (String text : issue.texts()) {
                last = session.mask(text);
                maskedTexts.add(last.text());
            }
            Map<String, String> originals = last == null ? Map.of() : last.originalsByPlaceholder();
            for (Label label : issue.labels()) {
                PersonalDataType expected = PLACEHOLDER_TYPES.get(label.type());
                boolean gone = maskedTexts.stream().noneMatch(text -> text.contains(label.value()));
                boolean replaced = originals.entrySet().stream()
                        .anyMatch(entry -> entry.getKey().startsWith("<" + expected.name() + "_")
                                && entry.getValue().contains(bare(label.value())));
                boolean found = gone && replaced;
                recall.computeIfAbsent(label.type(), type -> new Score()).count(found);
                if (!found) {
                    misses.add(issue.key() + " " + label.type() + (gone ? " (wrong type)" : ""));
                }
            }
            originals.forEach((placeholder, original) -> {
                PersonalDataType type =
                        PersonalDataType.valueOf(placeholder.substring(1, placeholder.lastIndexOf('_')));
                boolean labelled = issue.labels().stream()
                        .anyMatch(label -> PLACEHOLDER_TYPES.get(label.type()) == type
                                && bare(label.value()).equals(bare(original)));
                precision.computeIfAbsent(type, t -> new Score()).count(labelled);
                if (!labelled) {
                    falsePositives.add(issue.key() + " " + placeholder + " (" + original.length() + " characters)");
                }
            });
        }
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report());
    }

    private static String bare(String value) {
        return value.startsWith("@") ? value.substring(1) : value;
    }

    private static String report() {
        StringBuilder report = new StringBuilder();
        report.append("| Label type | Placeholder | Labels | Recall | Precision (placeholder type) |\n");
        report.append("| --- | --- | --- | --- | --- |\n");
        Score allRecall = new Score();
        Score allPrecision = new Score();
        for (Map.Entry<String, Score> entry : recall.entrySet()) {
            PersonalDataType type = PLACEHOLDER_TYPES.get(entry.getKey());
            Score typePrecision = precision.getOrDefault(type, new Score());
            report.append("| ")
                    .append(entry.getKey())
                    .append(" | `<")
                    .append(type.name())
                    .append("_n>` | ")
                    .append(entry.getValue().total)
                    .append(" | ")
                    .append(entry.getValue().format())
                    .append(" | ")
                    .append(typePrecision.format())
                    .append(" |\n");
            allRecall.hits += entry.getValue().hits;
            allRecall.total += entry.getValue().total;
        }
        for (Score score : precision.values()) {
            allPrecision.hits += score.hits;
            allPrecision.total += score.total;
        }
        report.append("| **all (micro-average)** | | ")
                .append(allRecall.total)
                .append(" | ")
                .append(allRecall.format())
                .append(" | ")
                .append(allPrecision.format())
                .append(" |\n\n");
        report.append("Missed labels: ")
                .append(misses.isEmpty() ? "none" : String.join("; ", misses))
                .append("\n\n");
        report.append("False positives: ")
                .append(falsePositives.isEmpty() ? "none" : String.join("; ", falsePositives))
                .append("\n");
        return report.toString();
    }

    @Test
    void structuredDataIsAlwaysFoundAndRarelyOverdetected() {
        for (String type : List.of("EMAIL", "IBAN", "CARD", "IPV4", "IPV6", "AWS_KEY", "JWT", "PASSWORD")) {
            assertThat(recall.get(type).ratio()).as("recall of %s", type).isEqualTo(1.0);
        }
        for (PersonalDataType type : List.of(
                PersonalDataType.EMAIL,
                PersonalDataType.IBAN,
                PersonalDataType.CARD,
                PersonalDataType.IPV4,
                PersonalDataType.IPV6,
                PersonalDataType.SECRET)) {
            assertThat(precision.get(type).ratio()).as("precision of %s", type).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void phoneNumbersAreFoundWithoutMistakingAmountsIdsOrDatesForThem() {
        assertThat(recall.get("PHONE").ratio()).isGreaterThanOrEqualTo(0.9);
        assertThat(precision.get(PersonalDataType.PHONE).ratio()).isGreaterThanOrEqualTo(0.9);
    }

    /**
     * Mentions come with their names from the ADF, and a date of birth always stands next to a word
     * that says so; names are found only by the words around them, hence the lower bar (one of the
     * seven labelled names may go).
     */
    @Test
    void mentionsDatesOfBirthAndNamesReachTheirBars() {
        assertThat(recall.get("MENTION").ratio()).isEqualTo(1.0);
        assertThat(precision.get(PersonalDataType.USER).ratio()).isGreaterThanOrEqualTo(0.95);
        assertThat(recall.get("DATE_OF_BIRTH").ratio()).isEqualTo(1.0);
        assertThat(precision.get(PersonalDataType.DATE_OF_BIRTH).ratio()).isGreaterThanOrEqualTo(0.95);
        assertThat(recall.get("PERSON_NAME").ratio()).isGreaterThanOrEqualTo(0.85);
        assertThat(precision.get(PersonalDataType.PERSON).ratio()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void issuesWithoutPersonalDataLeaveUnchanged() {
        PersonalDataMasker masker = new PersonalDataMasker();
        for (Issue issue : PiiFixtures.issues()) {
            if (issue.labels().isEmpty()) {
                MaskingSession session = masker.startSession(issue.mentionNames());
                for (String text : issue.texts()) {
                    assertThat(session.mask(text).text()).as(issue.key()).isEqualTo(text);
                }
            }
        }
    }

    @Test
    void theReportIsWritten() {
        assertThat(REPORT).exists().content().contains("micro-average");
    }
}
