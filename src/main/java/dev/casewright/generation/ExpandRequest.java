package dev.casewright.generation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The expand step's request: the plan the browser holds (from the plan step, possibly edited) and
 * which of its scenarios to write now. Everything else as in {@link GenerationRequest}.
 *
 * @param scenarioIds the planned scenarios to write in this call; absent means all (at most
 *     {@value #MAX_PER_CALL} per call, so one call stays well inside a 25 s Forge invocation)
 */
public record ExpandRequest(
        @Nullable GenerationPlan plan,
        @Nullable List<String> scenarioIds,
        @Nullable String language,
        @Nullable List<String> attachmentIds,
        @Nullable String extraContext) {

    static final int MAX_PER_CALL = 10;
    static final int MAX_TITLE = 500;
    private static final Pattern SCENARIO_ID = Pattern.compile("S[1-9][0-9]{0,2}");
    private static final Pattern CRITERION_ID = Pattern.compile("AC[1-9][0-9]{0,3}");

    /** The plan's scenarios to write now, checked: the plan comes from the browser and is input like any other. */
    List<GenerationPlan.PlannedScenario> batch(int maxScenarios) {
        if (plan == null || plan.scenarios() == null || plan.scenarios().isEmpty()) {
            throw new GenerationRequest.InvalidGenerationRequestException(
                    "plan with at least one scenario is required (the plan step's answer)");
        }
        if (plan.scenarios().size() > maxScenarios) {
            throw new GenerationRequest.InvalidGenerationRequestException(
                    "a plan has at most " + maxScenarios + " scenarios");
        }
        Set<String> wanted = scenarioIds == null ? null : new LinkedHashSet<>(scenarioIds);
        List<GenerationPlan.PlannedScenario> batch = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (GenerationPlan.PlannedScenario planned : plan.scenarios()) {
            GenerationPlan.PlannedScenario checked = checked(planned);
            if (!seen.add(checked.id())) {
                throw new GenerationRequest.InvalidGenerationRequestException(
                        "scenario ids must be unique; " + checked.id() + " appears twice");
            }
            if (wanted == null || wanted.contains(checked.id())) {
                batch.add(checked);
            }
        }
        if (wanted != null && !seen.containsAll(wanted)) {
            throw new GenerationRequest.InvalidGenerationRequestException(
                    "scenarioIds must name scenarios of the plan");
        }
        if (batch.isEmpty() || batch.size() > MAX_PER_CALL) {
            throw new GenerationRequest.InvalidGenerationRequestException(
                    "expand between 1 and " + MAX_PER_CALL + " scenarios per call (scenarioIds)");
        }
        return batch;
    }

    GenerationRequest asGenerationRequest(int count) {
        return new GenerationRequest(count, null, language, attachmentIds, extraContext, null);
    }

    private static GenerationPlan.PlannedScenario checked(GenerationPlan.@Nullable PlannedScenario planned) {
        if (planned == null
                || planned.id() == null
                || !SCENARIO_ID.matcher(planned.id()).matches()) {
            throw new GenerationRequest.InvalidGenerationRequestException(
                    "every planned scenario needs an id S1, S2, …");
        }
        if (planned.title() == null
                || planned.title().isBlank()
                || planned.title().length() > MAX_TITLE) {
            throw new GenerationRequest.InvalidGenerationRequestException(
                    planned.id() + " needs a title of at most " + MAX_TITLE + " characters");
        }
        List<String> criteria = planned.acceptanceCriteria() == null ? List.of() : planned.acceptanceCriteria();
        if (criteria.stream()
                .anyMatch(id -> id == null || !CRITERION_ID.matcher(id).matches())) {
            throw new GenerationRequest.InvalidGenerationRequestException(
                    planned.id() + " cites something that is not an acceptance-criterion id (AC1, AC2, …)");
        }
        List<String> tags = new ArrayList<>();
        for (String tag : planned.tags() == null ? List.<String>of() : planned.tags()) {
            String value = tag == null ? "" : tag.strip().replaceAll("\\s+", "-");
            if (!value.isEmpty() && !value.equals("@") && value.length() <= 100) {
                tags.add(value.startsWith("@") ? value : "@" + value);
            }
        }
        String technique =
                planned.technique() == null ? "" : planned.technique().strip();
        return new GenerationPlan.PlannedScenario(
                planned.id(),
                planned.title().strip(),
                technique.length() > 200 ? technique.substring(0, 200) : technique,
                criteria,
                tags);
    }
}
