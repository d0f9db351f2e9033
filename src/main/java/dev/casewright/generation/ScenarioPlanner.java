package dev.casewright.generation;

import dev.casewright.tenancy.HostUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The plan step of a generation: one model call that names the feature and plans the scenarios
 * with their techniques and the acceptance criteria they cover. The issue goes out masked, inside
 * nonce-marked data; the answer is untrusted input — parsed leniently, checked against the
 * request (count, known AC ids) and unmasked. Usage metadata is recorded whatever the outcome.
 */
@Component
public class ScenarioPlanner {

    private final GenerationRuns runs;
    private final ModelAnswers answers;
    private final PromptTemplates prompts;

    ScenarioPlanner(GenerationRuns runs, ModelAnswers answers, PromptTemplates prompts) {
        this.runs = runs;
        this.answers = answers;
        this.prompts = prompts;
    }

    public GenerationPlan plan(HostUser user, String issueKey, GenerationRequest request) {
        return plan(runs.prepare(user, issueKey, request, true));
    }

    GenerationPlan plan(GenerationRun run) {
        IssueContext context = run.context();
        var markers = run.markers();
        String language = run.requestedLanguage() == null
                ? "the language the issue is written in"
                : GherkinLanguages.described(run.requestedLanguage());
        String criteria = context.acceptanceCriteria().isEmpty()
                ? "(none found: derive the behaviour from the description and ask in openQuestions)"
                : context.acceptanceCriteria().stream()
                        .map(criterion -> criterion.id() + ": " + criterion.text())
                        .collect(Collectors.joining("\n"));
        String prompt = prompts.render(
                "plan",
                Map.of(
                        "count", Integer.toString(run.count()),
                        "styles", String.join(", ", run.styles()),
                        "language", language,
                        "criteria", criteria,
                        "issue", context.markdown(),
                        "dataOpen", markers.open(),
                        "dataClose", markers.close()));
        var answer = answers.ask(
                run,
                "generate.plan",
                List.of(
                        ModelAnswers.system(prompts.system(run.tenantInstructions(), markers)),
                        ModelAnswers.user(prompt)));
        return toPlan(answer.json(), run.count(), context, run.masking());
    }

    private GenerationPlan toPlan(JsonNode reply, int count, IssueContext context, MaskingSession masking) {
        Set<String> knownCriteria = context.acceptanceCriteria().stream()
                .map(IssueContext.CriterionView::id)
                .collect(Collectors.toSet());
        List<String> warnings = new ArrayList<>();
        List<GenerationPlan.PlannedScenario> planned = new ArrayList<>();
        for (JsonNode scenario : reply.path("scenarios")) {
            if (planned.size() == count) {
                warnings.add("The model planned more scenarios than asked for; the extra ones were dropped.");
                break;
            }
            String title = masking.unmask(scenario.path("title").asString("").strip());
            if (title.isEmpty()) {
                warnings.add("A planned scenario without a title was dropped.");
                continue;
            }
            List<String> covered = new ArrayList<>();
            for (JsonNode id : scenario.path("acceptanceCriteria")) {
                String value = id.asString("").strip();
                if (knownCriteria.contains(value)) {
                    covered.add(value);
                } else if (!value.isEmpty()) {
                    warnings.add("A scenario cited " + value.replaceAll("[^A-Za-z0-9]", "")
                            + ", which is not one of the issue's criteria.");
                }
            }
            List<String> tags = new ArrayList<>();
            scenario.path("tags").forEach(tag -> {
                String value = tag.asString("").strip().replaceAll("\\s+", "-");
                if (!value.isEmpty()) {
                    tags.add(value.startsWith("@") ? value : "@" + value);
                }
            });
            planned.add(new GenerationPlan.PlannedScenario(
                    "S" + (planned.size() + 1),
                    title,
                    scenario.path("technique").asString("").strip(),
                    covered,
                    tags));
        }
        if (planned.isEmpty()) {
            warnings.add("The model planned no scenarios.");
        }
        List<String> questions = new ArrayList<>();
        reply.path("openQuestions").forEach(question -> {
            String text = masking.unmask(question.asString("").strip());
            if (!text.isEmpty()) {
                questions.add(text);
            }
        });
        return new GenerationPlan(
                masking.unmask(
                        reply.path("featureName").asString(context.issueKey()).strip()),
                reply.path("language").asString("en").strip(),
                planned,
                questions,
                warnings,
                prompts.version());
    }

    /** Neither the tenant nor the operator configured a model. */
    static class NoModelConfiguredException extends RuntimeException {
        NoModelConfiguredException() {
            super("No model is configured for this site, so only the rule-based writer is available: it answers "
                    + "POST /api/issues/{issueKey}/generations, not the plan and expand steps. A Jira administrator "
                    + "can choose a model in Casewright's configuration.");
        }
    }
}
