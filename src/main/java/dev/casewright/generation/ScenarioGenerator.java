package dev.casewright.generation;

import dev.casewright.gherkin.Feature;
import dev.casewright.gherkin.FeatureParser;
import dev.casewright.gherkin.FeatureWriter;
import dev.casewright.gherkin.Scenario;
import dev.casewright.tenancy.HostUser;
import dev.casewright.usage.UsageEvent;
import dev.casewright.usage.UsageRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The one-shot generation (architecture.md, flow 3): plan, then expand the plan in batches, then
 * coverage and near-duplicates — the same two stateless steps the browser can drive itself under
 * Forge, composed in one request here and reported as they happen. With provider {@code none} the
 * rule-based writer answers instead and nothing leaves this service.
 */
@Component
public class ScenarioGenerator {

    static final int BATCH = ExpandRequest.MAX_PER_CALL;

    private final GenerationRuns runs;
    private final ScenarioPlanner planner;
    private final ScenarioExpander expander;
    private final RuleBasedScenarioWriter ruleBased;
    private final ScenarioDuplicates duplicates;
    private final GenerationProperties properties;
    private final PromptTemplates prompts;
    private final FeatureWriter writer = new FeatureWriter();
    private final FeatureParser parser = new FeatureParser();
    private final ApplicationEventPublisher events;
    private final UsageRecorder usage;

    ScenarioGenerator(
            GenerationRuns runs,
            ScenarioPlanner planner,
            ScenarioExpander expander,
            RuleBasedScenarioWriter ruleBased,
            ScenarioDuplicates duplicates,
            GenerationProperties properties,
            PromptTemplates prompts,
            ApplicationEventPublisher events,
            UsageRecorder usage) {
        this.events = events;
        this.usage = usage;
        this.runs = runs;
        this.planner = planner;
        this.expander = expander;
        this.ruleBased = ruleBased;
        this.duplicates = duplicates;
        this.properties = properties;
        this.prompts = prompts;
    }

    GenerationResult generate(HostUser user, String issueKey, GenerationRequest request, GenerationProgress progress) {
        Instant started = Instant.now();
        GenerationResult result = composed(user, issueKey, request, progress);
        events.publishEvent(new ScenariosGenerated(
                user.tenant(),
                result.generator(),
                result.usage().provider(),
                result.usage().model(),
                result.scenarios().size(),
                (int) result.scenarios().stream()
                        .filter(GeneratedScenario::valid)
                        .count(),
                result.coverage().covered(),
                result.coverage().total(),
                result.usage().inputTokens(),
                result.usage().outputTokens(),
                Duration.between(started, Instant.now())));
        return result;
    }

    private GenerationResult composed(
            HostUser user, String issueKey, GenerationRequest request, GenerationProgress progress) {
        List<GenerationRequest.ExistingTest> existing = request.existingTestsChecked();
        progress.progress("context", 0, 0);
        GenerationRun run = runs.prepare(user, issueKey, request, false);
        progress.context(run.context());
        if (run.ruleBased()) {
            return ruleBased(run, existing, progress);
        }

        GenerationPlan plan = planner.plan(run);
        List<String> warnings = new ArrayList<>(plan.warnings());
        String dialect = dialect(run, plan.language(), warnings);
        int total = plan.scenarios().size();
        progress.progress("plan", 0, total);
        List<GeneratedScenario> scenarios = new ArrayList<>();
        for (int from = 0; from < total; from += BATCH) {
            List<GenerationPlan.PlannedScenario> batch = plan.scenarios().subList(from, Math.min(total, from + BATCH));
            int done = scenarios.size();
            for (GeneratedScenario scenario :
                    expander.expand(run, batch, dialect, round -> progress.progress("repair", done, total))) {
                scenarios.add(scenario);
                progress.scenario(scenario);
            }
            progress.progress("expand", scenarios.size(), total);
        }
        return finish(run, plan, dialect, scenarios, warnings, existing, progress);
    }

    /** The expand step on its own, for a browser that drives plan → expand itself. */
    Expansion expand(HostUser user, String issueKey, ExpandRequest request) {
        List<GenerationPlan.PlannedScenario> batch = request.batch(properties.maxScenarios());
        GenerationRun run = runs.prepare(user, issueKey, request.asGenerationRequest(batch.size()), true);
        List<String> warnings = new ArrayList<>();
        String dialect =
                dialect(run, request.plan() == null ? "" : request.plan().language(), warnings);
        List<GeneratedScenario> scenarios = expander.expand(run, batch, dialect, round -> {});
        long invalid = scenarios.stream().filter(scenario -> !scenario.valid()).count();
        if (invalid > 0) {
            warnings.add(invalidWarning(invalid));
        }
        return new Expansion(dialect, scenarios, warnings, run.usage(), prompts.version());
    }

    /** What the expand step returns: the scenarios of the batch, in the plan's order. */
    public record Expansion(
            String language,
            List<GeneratedScenario> scenarios,
            List<String> warnings,
            GenerationResult.Usage usage,
            String promptVersion) {}

    private GenerationResult ruleBased(
            GenerationRun run, List<GenerationRequest.ExistingTest> existing, GenerationProgress progress) {
        Instant started = Instant.now();
        String language = run.requestedLanguage() == null ? run.detectedLanguage() : run.requestedLanguage();
        GeneratedSuite suite = ruleBased.write(run.summary(), run.criteria(), language, run.count());
        // No model call, but administrators still see how often the site generates, and how much.
        usage.record(new UsageEvent(
                run.user().tenant(),
                started,
                "generate.rule-based",
                "none",
                null,
                null,
                0,
                0,
                Duration.between(started, Instant.now()),
                "ok",
                suite.scenarios().size(),
                0,
                run.context().manifest().attachmentsRead()));
        int total = suite.scenarios().size();
        progress.progress("plan", 0, total);
        suite.scenarios().forEach(progress::scenario);
        progress.progress("expand", total, total);
        progress.coverage(suite.coverage());
        List<DuplicatePair> pairs = duplicates(suite.scenarios(), existing, progress);
        return new GenerationResult(
                suite.featureName(),
                suite.language(),
                feature(suite.featureName(), suite.language(), suite.scenarios()),
                suite.scenarios(),
                suite.coverage(),
                pairs,
                suite.openQuestions(),
                suite.warnings(),
                run.context().manifest(),
                run.usage(),
                RuleBasedScenarioWriter.GENERATOR,
                "");
    }

    /** Coverage, warnings and near-duplicates of a model-written suite, and the result. */
    private GenerationResult finish(
            GenerationRun run,
            GenerationPlan plan,
            String dialect,
            List<GeneratedScenario> scenarios,
            List<String> warnings,
            List<GenerationRequest.ExistingTest> existing,
            GenerationProgress progress) {
        Coverage coverage = coverage(run, scenarios);
        progress.coverage(coverage);
        List<String> uncovered = coverage.criteria().stream()
                .filter(criterion -> criterion.scenarioIds().isEmpty())
                .map(CriterionCoverage::id)
                .toList();
        if (!uncovered.isEmpty()) {
            warnings.add("No valid scenario covers " + String.join(", ", uncovered) + ".");
        }
        long invalid = scenarios.stream().filter(scenario -> !scenario.valid()).count();
        if (invalid > 0) {
            warnings.add(invalidWarning(invalid));
        }
        List<DuplicatePair> pairs = duplicates(scenarios, existing, progress);
        return new GenerationResult(
                plan.featureName(),
                dialect,
                feature(plan.featureName(), dialect, scenarios),
                scenarios,
                coverage,
                pairs,
                plan.openQuestions(),
                warnings,
                run.context().manifest(),
                run.usage(),
                "model",
                plan.promptVersion());
    }

    private static String invalidWarning(long invalid) {
        return invalid + " scenario(s) are still not valid Gherkin after " + ScenarioExpander.REPAIR_ROUNDS
                + " repair rounds; they are shown with the parser's errors and cannot be published until fixed.";
    }

    /**
     * The suite's Gherkin language: the one asked for; else the one the model named for the issue,
     * when Gherkin has keywords for it; else English, with a warning.
     */
    private static String dialect(GenerationRun run, @Nullable String planLanguage, List<String> warnings) {
        if (run.requestedLanguage() != null) {
            return run.requestedLanguage();
        }
        Optional<String> named = GherkinLanguages.dialectFor(planLanguage);
        if (named.isPresent()) {
            return named.get();
        }
        if (planLanguage != null && !planLanguage.isBlank()) {
            warnings.add("Gherkin has no keywords for the issue's language; the scenarios are written in English.");
        }
        return GherkinLanguages.ENGLISH;
    }

    /** Which criteria the valid scenarios cover, by the ids the plan cited; criterion text unmasked for the user. */
    private static Coverage coverage(GenerationRun run, List<GeneratedScenario> scenarios) {
        List<CriterionCoverage> criteria = new ArrayList<>();
        int covered = 0;
        for (IssueContext.CriterionView criterion : run.context().acceptanceCriteria()) {
            List<String> ids = scenarios.stream()
                    .filter(GeneratedScenario::valid)
                    .filter(scenario -> scenario.acceptanceCriteria().contains(criterion.id()))
                    .map(GeneratedScenario::id)
                    .toList();
            if (!ids.isEmpty()) {
                covered++;
            }
            criteria.add(new CriterionCoverage(criterion.id(), run.masking().unmask(criterion.text()), ids));
        }
        return new Coverage(criteria, covered, criteria.size());
    }

    private List<DuplicatePair> duplicates(
            List<GeneratedScenario> scenarios,
            List<GenerationRequest.ExistingTest> existing,
            GenerationProgress progress) {
        List<ScenarioText> written = scenarios.stream()
                .filter(scenario -> !scenario.gherkin().isEmpty())
                .map(scenario -> new ScenarioText(scenario.id(), scenario.title(), scenario.gherkin()))
                .toList();
        if (written.size() < 2 && (written.isEmpty() || existing.isEmpty())) {
            return List.of();
        }
        progress.progress("duplicates", scenarios.size(), scenarios.size());
        List<DuplicatePair> pairs = new ArrayList<>(duplicates.within(written, ScenarioDuplicates.DEFAULT_THRESHOLD));
        if (!existing.isEmpty()) {
            List<ScenarioText> tests = existing.stream()
                    .map(test -> new ScenarioText(
                            test.key(),
                            test.title() == null ? "" : test.title(),
                            test.gherkin() == null ? "" : test.gherkin()))
                    .toList();
            pairs.addAll(duplicates.against(written, tests, ScenarioDuplicates.DEFAULT_THRESHOLD));
        }
        return pairs;
    }

    /** The valid scenarios as one {@code .feature} file, as a user would save it. */
    private String feature(String featureName, String dialect, List<GeneratedScenario> scenarios) {
        @Nullable String language = GherkinLanguages.forWriter(dialect);
        List<Scenario> valid = new ArrayList<>();
        for (GeneratedScenario scenario : scenarios) {
            if (scenario.valid()) {
                var read = parser.validateScenario(scenario.gherkin(), language);
                if (read.valid() && read.scenario() != null) {
                    valid.add(read.scenario());
                }
            }
        }
        return writer.write(new Feature(featureName.isBlank() ? "Scenarios" : featureName, language, List.of(), valid));
    }
}
