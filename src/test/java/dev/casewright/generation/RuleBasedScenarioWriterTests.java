package dev.casewright.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.casewright.generation.Criterion.Source;
import dev.casewright.gherkin.Feature;
import dev.casewright.gherkin.FeatureParser;
import dev.casewright.gherkin.FeatureWriter;
import dev.casewright.gherkin.ParsedFeature;
import dev.casewright.gherkin.Scenario;
import dev.casewright.gherkin.Step;
import dev.casewright.gherkin.ValidationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rule-based generator over the 27 made-up issues: the acceptance criteria are extracted from
 * their Markdown goldens ({@code fixtures/jira/markdown}) in the issue's language ({@code
 * fixtures/generation/criteria/<KEY>.expected.json}), as the provider {@code none} does.
 */
class RuleBasedScenarioWriterTests {

    private static final String MARKDOWN = "/fixtures/jira/markdown/";
    private static final String CRITERIA = "/fixtures/generation/criteria/";

    private final RuleBasedScenarioWriter writer = new RuleBasedScenarioWriter();
    private final FeatureParser parser = new FeatureParser();

    record Issue(String key, String language, AcceptanceCriteria criteria) {

        @Override
        public String toString() {
            return key;
        }
    }

    static Stream<Issue> issues() {
        try (Stream<Path> files = Files.list(folder(CRITERIA))) {
            return files
                    .map(file -> file.getFileName().toString().replace(".expected.json", ""))
                    .sorted()
                    .map(RuleBasedScenarioWriterTests::issue)
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Issue> issuesWithCriteria() {
        return issues().filter(issue -> !issue.criteria().isEmpty());
    }

    @Test
    void theFixturesHoldTwentySevenIssuesAndAllButThreeStateCriteria() {
        assertThat(issues()).hasSize(27);
        assertThat(issuesWithCriteria()).hasSize(24);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("issuesWithCriteria")
    void everyScenarioOfAnIssueIsValidAndTheWholeFeatureParses(Issue issue) {
        GeneratedSuite suite =
                writer.write(issue.key(), issue.criteria(), issue.language(), RuleBasedScenarioWriter.MAX_COUNT);

        assertThat(suite.scenarios()).allSatisfy(scenario -> {
            assertThat(scenario.valid()).as(scenario.gherkin()).isTrue();
            assertThat(scenario.errors()).isEmpty();
        });
        ParsedFeature parsed = parser.parse(featureText(suite));
        assertThat(parsed.errors()).as(featureText(suite)).isEmpty();
        assertThat(Objects.requireNonNull(parsed.feature()).scenarios()).hasSameSizeAs(suite.scenarios());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("issues")
    void everyCriterionIsCoveredWhenTheScenariosFitUnderTheCap(Issue issue) {
        GeneratedSuite suite =
                writer.write(issue.key(), issue.criteria(), issue.language(), RuleBasedScenarioWriter.MAX_COUNT);

        assertThat(suite.coverage().total())
                .isEqualTo(issue.criteria().criteria().size());
        assertThat(suite.coverage().covered()).isEqualTo(suite.coverage().total());
        assertThat(suite.coverage().criteria())
                .allSatisfy(criterion -> assertThat(criterion.scenarioIds()).isNotEmpty());
        assertThat(suite.warnings()).noneMatch(warning -> warning.startsWith("Not covered"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("issues")
    void everyScenarioIsTaggedRuleBasedAndTheSuiteSaysHowItWasWritten(Issue issue) {
        GeneratedSuite suite = writer.write(issue.key(), issue.criteria(), issue.language());

        assertThat(suite.generator()).isEqualTo("rule-based");
        assertThat(suite.warnings()).contains(RuleBasedScenarioWriter.REVIEW_WARNING);
        assertThat(suite.scenarios()).allSatisfy(scenario -> {
            assertThat(scenario.tags()).contains("@rule-based");
            assertThat(scenario.gherkin()).startsWith("@rule-based\n");
            assertThat(scenario.acceptanceCriteria()).isNotEmpty();
        });
        assertThat(suite.scenarios())
                .extracting(GeneratedScenario::id)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, suite.scenarios().size())
                                .mapToObj(n -> "S" + n)
                                .toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("issues")
    void theSameIssueAlwaysGivesTheSameSuite(Issue issue) {
        GeneratedSuite first = writer.write(issue.key(), issue.criteria(), issue.language());
        GeneratedSuite second = new RuleBasedScenarioWriter().write(issue.key(), issue.criteria(), issue.language());

        assertThat(second).isEqualTo(first);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({
        "BANK-19, de, Szenario:, Dann ",
        "CARE-44, fr, Scénario:, Alors ",
        "CLAIM-67, pt, Cenário:, Então ",
        "MOB-19, ja, シナリオ:, ならば",
    })
    void eachLanguageIsWrittenWithItsOwnKeywords(String key, String gherkinLanguage, String scenario, String then) {
        Issue issue = issue(key);

        GeneratedSuite suite = writer.write(key, issue.criteria(), issue.language());

        assertThat(suite.language()).isEqualTo(gherkinLanguage);
        assertThat(suite.scenarios()).isNotEmpty().allSatisfy(written -> {
            assertThat(written.gherkin()).contains(scenario).contains(then).doesNotContain("Scenario:");
            assertThat(written.valid()).isTrue();
        });
    }

    @Test
    void spanishStatementsGetSpanishKeywordsAndKeepTheirText() {
        AcceptanceCriteria criteria = new AcceptanceCriteria(
                List.of(Criterion.statement("AC1", "El pedido se guarda como borrador.", Source.FIELD)), List.of());

        GeneratedSuite suite = writer.write("Pedidos", criteria, "es");

        GeneratedScenario scenario = suite.scenarios().get(0);
        assertThat(suite.language()).isEqualTo("es");
        assertThat(scenario.gherkin()).contains("Escenario:").contains("Entonces El pedido se guarda como borrador.");
        assertThat(scenario.valid()).isTrue();
    }

    @Test
    void givenWhenThenCriteriaKeepTheirNameAndStepsVerbatim() {
        Issue issue = issue("NOTIF-21");

        GeneratedSuite suite = writer.write(issue.key(), issue.criteria(), issue.language());

        List<Criterion> criteria = issue.criteria().criteria();
        assertThat(suite.scenarios()).hasSameSizeAs(criteria);
        for (int i = 0; i < criteria.size(); i++) {
            Criterion criterion = criteria.get(i);
            GeneratedScenario generated = suite.scenarios().get(i);
            Scenario scenario = scenarioOf(generated, null);
            List<String> expectedSteps = new ArrayList<>(criterion.given());
            expectedSteps.addAll(criterion.when());
            expectedSteps.addAll(criterion.then());
            assertThat(scenario.steps()).extracting(Step::text).containsExactlyElementsOf(expectedSteps);
            assertThat(scenario.steps().get(0).keyword()).isEqualTo(Step.Keyword.GIVEN);
            assertThat(criterion.text()).startsWith("Scenario: " + generated.title() + " — ");
            assertThat(generated.acceptanceCriteria()).containsExactly(criterion.id());
        }
    }

    @Test
    void portugueseScenariosKeepTheirStepsInTheirOwnLanguage() {
        Issue issue = issue("CLAIM-67");

        GeneratedSuite suite = writer.write(issue.key(), issue.criteria(), issue.language());

        Criterion first = issue.criteria().criteria().get(0);
        Scenario scenario = scenarioOf(suite.scenarios().get(0), "pt");
        assertThat(suite.scenarios().get(0).title()).isEqualTo("Abertura de sinistro com sucesso");
        assertThat(scenario.steps().get(0).text()).isEqualTo(first.given().get(0));
        assertThat(scenario.steps()).extracting(Step::text).containsAll(first.then());
    }

    @Test
    void theRowsOfARulesTableBecomeOneOutlineWithOneExamplesRowPerCriterion() {
        Issue issue = issue("BANK-7");

        GeneratedSuite suite = writer.write(issue.key(), issue.criteria(), issue.language());

        assertThat(suite.scenarios()).hasSize(1);
        GeneratedScenario outline = suite.scenarios().get(0);
        Scenario scenario = scenarioOf(outline, null);
        assertThat(scenario.isOutline()).isTrue();
        assertThat(Objects.requireNonNull(scenario.examples()).rows()).hasSize(11);
        assertThat(scenario.examples().header()).containsExactly("rule", "input", "expected");
        assertThat(scenario.examples().rows().get(0))
                .containsExactly("Minimum amount", "0.00", "Rejected: \"Enter an amount greater than 0.00\"");
        assertThat(scenario.steps()).extracting(Step::text).allMatch(text -> text.contains("<"));
        assertThat(outline.acceptanceCriteria()).hasSize(11).startsWith("AC1").endsWith("AC11");
        assertThat(outline.technique()).isEqualTo(RuleBasedScenarioWriter.TECHNIQUE_DECISION_TABLE);
        assertThat(suite.coverage().covered()).isEqualTo(11);
    }

    @Test
    void theRowsOfATableWithColumnsBecomeOneOutlineWhoseColumnsAreTheTablesOwn() {
        Issue issue = issue("SHOP-127");

        GeneratedSuite suite = writer.write(issue.key(), issue.criteria(), issue.language());

        Scenario outline = scenarioOf(suite.scenarios().get(0), null);
        assertThat(suite.scenarios().get(0).acceptanceCriteria()).containsExactly("AC1", "AC2", "AC3", "AC4", "AC5");
        assertThat(Objects.requireNonNull(outline.examples()).header())
                .containsExactly("Merchandise subtotal (EUR)", "Message shown", "Shipping fee (EUR)");
        assertThat(outline.examples().rows()).hasSize(5);
        // The first row leaves the shipping fee empty in the issue; the cell stays empty, not shifted.
        assertThat(outline.examples().rows().get(0))
                .containsExactly("0.00 (empty basket)", "No free-shipping message", "");
        assertThat(outline.steps())
                .extracting(Step::text)
                .containsExactly(
                        "Merchandise subtotal (EUR): <Merchandise subtotal (EUR)>",
                        "Message shown: <Message shown>",
                        "Shipping fee (EUR): <Shipping fee (EUR)>");
        assertThat(suite.scenarios()).hasSize(4);
    }

    @Test
    void anEnglishStatementWithAConditionIsSplitIntoWhenAndThen() {
        Issue issue = issue("CARE-31");

        GeneratedSuite suite = writer.write(issue.key(), issue.criteria(), issue.language());

        Scenario scenario = scenarioOf(suite.scenarios().get(3), null);
        assertThat(suite.scenarios().get(3).acceptanceCriteria()).containsExactly("AC4");
        assertThat(scenario.steps())
                .extracting(Step::keyword, Step::text)
                .containsExactly(
                        tuple(Step.Keyword.GIVEN, "the system is in the state the criterion describes"),
                        tuple(Step.Keyword.WHEN, "no slot is free in the interval"),
                        tuple(
                                Step.Keyword.THEN,
                                "the patient sees \"No appointments available in the recommended period\" and a link to request a call back"));
    }

    @Test
    void aContextPhraseBeforeTheConditionBecomesTheGiven() {
        AcceptanceCriteria criteria = new AcceptanceCriteria(
                List.of(Criterion.statement(
                        "AC1",
                        "For a signed-in customer, when the basket is empty, the checkout button is disabled.",
                        Source.FIELD)),
                List.of());

        GeneratedSuite suite = writer.write("Checkout", criteria, "en");

        assertThat(scenarioOf(suite.scenarios().get(0), null).steps())
                .extracting(Step::keyword, Step::text)
                .containsExactly(
                        tuple(Step.Keyword.GIVEN, "a signed-in customer"),
                        tuple(Step.Keyword.WHEN, "the basket is empty"),
                        tuple(Step.Keyword.THEN, "the checkout button is disabled"));
    }

    @Test
    void aConditionInsideAQuotedMessageDoesNotSplitTheStatement() {
        AcceptanceCriteria criteria = new AcceptanceCriteria(
                List.of(Criterion.statement("AC1", "The banner says \"Come back when you are ready\".", Source.FIELD)),
                List.of());

        GeneratedSuite suite = writer.write("Banner", criteria, "en");

        assertThat(scenarioOf(suite.scenarios().get(0), null).steps())
                .extracting(Step::text)
                .last()
                .isEqualTo("The banner says \"Come back when you are ready\".");
    }

    @Test
    void anEnglishStatementWithATrailingConditionPutsTheConditionFirst() {
        Issue issue = issue("MOB-23");

        GeneratedSuite suite = writer.write(issue.key(), issue.criteria(), issue.language());

        Scenario scenario = scenarioOf(suite.scenarios().get(0), null);
        assertThat(scenario.steps())
                .extracting(Step::text)
                .containsExactly(
                        "the system is in the state the criterion describes",
                        "the device is back online",
                        "changes made offline are synced automatically");
    }

    @Test
    void aStatementThatCannotBeSplitKeepsItsTextVerbatimAsTheOutcome() {
        Issue issue = issue("IAM-223");

        GeneratedSuite suite = writer.write(issue.key(), issue.criteria(), issue.language());

        Scenario scenario = scenarioOf(suite.scenarios().get(0), null);
        assertThat(suite.scenarios().get(0).title())
                .isEqualTo("Users with no login for 60 days are deactivated by a nightly job");
        assertThat(scenario.steps())
                .extracting(Step::text)
                .containsExactly(
                        "the system is in the state the criterion describes",
                        "the behaviour described in AC1 happens",
                        "Users with no login for 60 days are deactivated by a nightly job.");
    }

    @Test
    void aStatementInAnotherLanguageKeepsTheCriterionAsTheOutcomeWithoutEnglishWords() {
        Issue issue = issue("BANK-19");

        GeneratedSuite suite = writer.write(issue.key(), issue.criteria(), issue.language());

        for (int i = 0; i < suite.scenarios().size(); i++) {
            Scenario scenario = scenarioOf(suite.scenarios().get(i), "de");
            assertThat(scenario.steps())
                    .extracting(Step::text)
                    .containsExactly(
                            "…", "…", issue.criteria().criteria().get(i).text());
        }
        assertThat(suite.scenarios()).noneMatch(scenario -> scenario.gherkin().contains("system"));
    }

    @Test
    void theCapKeepsTheFirstScenariosAndWarnsWhichCriteriaAreNotCovered() {
        Issue issue = issue("TRACK-88");

        GeneratedSuite suite = writer.write(issue.key(), issue.criteria(), issue.language());

        assertThat(suite.scenarios()).hasSize(RuleBasedScenarioWriter.DEFAULT_COUNT);
        assertThat(suite.scenarios().get(7).acceptanceCriteria()).containsExactly("AC8");
        assertThat(suite.coverage().covered()).isEqualTo(8);
        assertThat(suite.coverage().total()).isEqualTo(14);
        assertThat(suite.coverage().criteria().get(8).scenarioIds()).isEmpty();
        assertThat(suite.warnings())
                .contains(
                        "Not covered, because the suite is capped at 8 scenarios: AC9, AC10, AC11, AC12, AC13, AC14.");
    }

    @ParameterizedTest(name = "count {0} writes {1}")
    @CsvSource({"3, 3", "0, 1", "100, 30"})
    void theCountIsKeptBetweenOneAndThirty(int count, int written) {
        List<Criterion> many = IntStream.rangeClosed(1, 40)
                .mapToObj(n -> Criterion.statement("AC" + n, "Rule number " + n + " holds.", Source.FIELD))
                .toList();

        GeneratedSuite suite = writer.write("Many", new AcceptanceCriteria(many, List.of()), "en", count);

        assertThat(suite.scenarios()).hasSize(written);
        assertThat(suite.coverage().covered()).isEqualTo(written);
    }

    @Test
    void anIssueWithoutCriteriaGivesAnEmptySuiteWithAWarningAndAnOpenQuestion() {
        Issue issue = issue("PERF-6");

        GeneratedSuite suite = writer.write(issue.key(), issue.criteria(), issue.language());

        assertThat(issue.criteria().isEmpty()).isTrue();
        assertThat(suite.scenarios()).isEmpty();
        assertThat(suite.coverage()).isEqualTo(new Coverage(List.of(), 0, 0));
        assertThat(suite.openQuestions()).containsExactly("No acceptance criteria found: what should be tested?");
        assertThat(suite.warnings()).contains(RuleBasedScenarioWriter.NO_CRITERIA_WARNING);
    }

    @Test
    void linesThatAddressAnAiAreCountedInAWarningAndNeverWritten() {
        Issue issue = issue("PRIV-9");

        GeneratedSuite suite = writer.write(issue.key(), issue.criteria(), issue.language());

        assertThat(issue.criteria().flaggedInstructions()).hasSize(1);
        assertThat(suite.warnings())
                .contains("1 line(s) of the issue read as instructions to an AI and were not used as criteria.");
        String flagged = issue.criteria().flaggedInstructions().get(0);
        assertThat(suite.scenarios()).noneMatch(scenario -> scenario.gherkin().contains(flagged));
    }

    @Test
    void aLanguageWithoutGherkinKeywordsIsWrittenInEnglishWithAWarning() {
        AcceptanceCriteria criteria = new AcceptanceCriteria(
                List.of(Criterion.statement("AC1", "The order is saved.", Source.FIELD)), List.of());

        GeneratedSuite suite = writer.write("Orders", criteria, "x-klingon-nope");

        assertThat(suite.language()).isEqualTo("en");
        assertThat(suite.scenarios().get(0).valid()).isTrue();
        assertThat(suite.warnings()).anyMatch(warning -> warning.contains("'x-klingon-nope'"));
    }

    private Scenario scenarioOf(GeneratedScenario generated, @Nullable String language) {
        ValidationResult validation = parser.validateScenario(generated.gherkin(), language);
        assertThat(validation.errors()).isEmpty();
        return Objects.requireNonNull(validation.scenario());
    }

    /** The suite as one {@code .feature} file: the localized header, then each scenario indented. */
    private static String featureText(GeneratedSuite suite) {
        StringBuilder text = new StringBuilder(
                new FeatureWriter().write(new Feature(suite.featureName(), suite.language(), List.of(), List.of())));
        for (GeneratedScenario scenario : suite.scenarios()) {
            text.append('\n');
            scenario.gherkin()
                    .lines()
                    .forEach(line -> text.append("  ").append(line).append('\n'));
        }
        return text.toString();
    }

    private static Issue issue(String key) {
        try {
            String language = JsonMapper.shared()
                    .readTree(folder(CRITERIA).resolve(key + ".expected.json").toFile())
                    .path("language")
                    .asString();
            AcceptanceCriteria criteria = new AcceptanceCriteriaExtractor()
                    .extract(markdown(key + ".acceptance-criteria.md"), markdown(key + ".description.md"), language);
            return new Issue(key, language, criteria);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String markdown(String name) throws IOException {
        Path file = folder(MARKDOWN).resolve(name);
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static Path folder(String resource) {
        try {
            return Path.of(Objects.requireNonNull(RuleBasedScenarioWriterTests.class.getResource(resource))
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
