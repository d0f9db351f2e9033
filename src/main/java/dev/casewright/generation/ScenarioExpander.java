package dev.casewright.generation;

import dev.casewright.gherkin.Examples;
import dev.casewright.gherkin.FeatureParser;
import dev.casewright.gherkin.FeatureWriter;
import dev.casewright.gherkin.Scenario;
import dev.casewright.gherkin.Step;
import dev.casewright.gherkin.ValidationResult;
import dev.langchain4j.data.message.ChatMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The expand step of a generation: the Gherkin of a batch of planned scenarios. The model answers
 * with structured steps (role keywords, text, tables, examples); each scenario is unmasked,
 * written with the localized keywords of the suite's language and validated by the official
 * Cucumber parser. Invalid or missing scenarios go back to the model with the parser's errors, at
 * most {@value #REPAIR_ROUNDS} times; what is still invalid is returned marked invalid with its
 * errors — never dropped, never published.
 */
@Component
class ScenarioExpander {

    static final int REPAIR_ROUNDS = 2;
    static final String MISSING = "The model's answer did not include this scenario.";

    private final ModelAnswers answers;
    private final PromptTemplates prompts;
    private final JsonMapper json;
    private final FeatureWriter writer = new FeatureWriter();
    private final FeatureParser parser = new FeatureParser();

    ScenarioExpander(ModelAnswers answers, PromptTemplates prompts, JsonMapper json) {
        this.answers = answers;
        this.prompts = prompts;
        this.json = json;
    }

    /**
     * @param dialect the Gherkin language of the suite ({@code en}, {@code de}, …)
     * @param repairing told before each repair round, so a stream can say what is happening
     */
    List<GeneratedScenario> expand(
            GenerationRun run,
            List<GenerationPlan.PlannedScenario> batch,
            String dialect,
            Consumer<Integer> repairing) {
        MaskingSession masking = run.masking();
        var markers = run.markers();
        String prompt = prompts.render(
                "expand",
                Map.of(
                        "language", GherkinLanguages.described(dialect),
                        "plan", planText(batch, masking),
                        "issue", run.context().markdown(),
                        "dataOpen", markers.open(),
                        "dataClose", markers.close()));
        List<ChatMessage> conversation = new ArrayList<>(List.of(
                ModelAnswers.system(prompts.system(run.tenantInstructions(), markers)), ModelAnswers.user(prompt)));
        var answer = answers.ask(run, "generate.expand", conversation);

        Map<String, Draft> drafts = new LinkedHashMap<>();
        for (GenerationPlan.PlannedScenario planned : batch) {
            drafts.put(planned.id(), Draft.missing(planned));
        }
        take(answer.json(), drafts, batch, dialect, masking);

        for (int round = 1; round <= REPAIR_ROUNDS && drafts.values().stream().anyMatch(d -> !d.valid()); round++) {
            repairing.accept(round);
            conversation.add(ModelAnswers.assistant(answer.text()));
            conversation.add(
                    ModelAnswers.user(prompts.render("repair", Map.of("invalid", invalidText(drafts, masking)))));
            answer = answers.ask(run, "generate.repair", conversation);
            List<GenerationPlan.PlannedScenario> invalid = drafts.values().stream()
                    .filter(draft -> !draft.valid())
                    .map(Draft::planned)
                    .toList();
            take(answer.json(), drafts, invalid, dialect, masking);
        }
        return drafts.values().stream().map(Draft::toScenario).toList();
    }

    /** The planned scenarios as the model sees them: masked, one JSON object per line. */
    private String planText(List<GenerationPlan.PlannedScenario> batch, MaskingSession masking) {
        StringBuilder text = new StringBuilder();
        for (GenerationPlan.PlannedScenario planned : batch) {
            ObjectNode line = json.createObjectNode();
            line.put("id", planned.id());
            line.put("title", masking.mask(planned.title()).text());
            line.put("technique", masking.mask(planned.technique()).text());
            ArrayNode criteria = line.putArray("acceptanceCriteria");
            planned.acceptanceCriteria().forEach(criteria::add);
            ArrayNode tags = line.putArray("tags");
            planned.tags().forEach(tags::add);
            text.append(json.writeValueAsString(line)).append('\n');
        }
        return text.toString().strip();
    }

    /** The scenarios to repair, with what the parser said, as the model wrote them (masked). */
    private String invalidText(Map<String, Draft> drafts, MaskingSession masking) {
        ArrayNode invalid = json.createArrayNode();
        for (Draft draft : drafts.values()) {
            if (draft.valid()) {
                continue;
            }
            ObjectNode entry = invalid.addObject();
            entry.put("id", draft.planned().id());
            entry.put("title", masking.mask(draft.planned().title()).text());
            ArrayNode errors = entry.putArray("errors");
            // Errors quote the unmasked text; masking again gives the model its own placeholders back.
            draft.errors().forEach(error -> errors.add(masking.mask(error).text()));
            if (draft.source() != null) {
                entry.set("yourAnswer", draft.source());
            }
        }
        return json.writeValueAsString(invalid);
    }

    /** Reads the scenarios of an answer into the drafts of {@code expected}; ids first, then position. */
    private void take(
            JsonNode answer,
            Map<String, Draft> drafts,
            List<GenerationPlan.PlannedScenario> expected,
            String dialect,
            MaskingSession masking) {
        List<JsonNode> written = new ArrayList<>();
        answer.path("scenarios").forEach(written::add);
        Set<String> expectedIds = new LinkedHashSet<>();
        expected.forEach(planned -> expectedIds.add(planned.id()));
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        List<JsonNode> withoutId = new ArrayList<>();
        for (JsonNode scenario : written) {
            String id = scenario.path("id").asString("").strip().toUpperCase(Locale.ROOT);
            if (expectedIds.contains(id) && !byId.containsKey(id)) {
                byId.put(id, scenario);
            } else {
                withoutId.add(scenario);
            }
        }
        // Models sometimes drop or renumber ids; a scenario without a usable id fills the next gap in order.
        for (GenerationPlan.PlannedScenario planned : expected) {
            JsonNode scenario = byId.get(planned.id());
            if (scenario == null && !withoutId.isEmpty()) {
                scenario = withoutId.remove(0);
            }
            if (scenario != null) {
                drafts.put(planned.id(), read(planned, scenario, dialect, masking));
            }
        }
    }

    private Draft read(
            GenerationPlan.PlannedScenario planned, JsonNode source, String dialect, MaskingSession masking) {
        @Nullable String language = GherkinLanguages.forWriter(dialect);
        List<String> tags = tags(planned.tags(), source.path("tags"));
        String title = planned.title();
        Scenario scenario;
        try {
            JsonNode gherkin = source.path("gherkin");
            if (gherkin.isString() && !source.has("steps")) {
                // Lenient: some models write the Gherkin text instead of the asked-for structure.
                ValidationResult read = parser.validateScenario(masking.unmask(gherkin.asString()), language);
                if (!read.valid() || read.scenario() == null) {
                    return new Draft(planned, source, tags, "", read.messages());
                }
                scenario = new Scenario(
                        title, tags, read.scenario().steps(), read.scenario().examples());
            } else {
                scenario = new Scenario(title, tags, steps(source.path("steps"), masking), examples(source, masking));
            }
        } catch (IllegalArgumentException malformed) {
            return new Draft(planned, source, tags, "", List.of(String.valueOf(malformed.getMessage())));
        }
        String text;
        try {
            text = writer.write(scenario, language);
        } catch (IllegalArgumentException unwritable) {
            return new Draft(planned, source, tags, "", List.of(String.valueOf(unwritable.getMessage())));
        }
        ValidationResult validation = parser.validateScenario(text, language);
        return new Draft(planned, source, tags, text, validation.messages());
    }

    private static List<Step> steps(JsonNode steps, MaskingSession masking) {
        if (!steps.isArray() || steps.isEmpty()) {
            throw new IllegalArgumentException("the scenario has no steps");
        }
        List<Step> read = new ArrayList<>();
        int number = 0;
        for (JsonNode step : steps) {
            number++;
            String keyword = step.path("keyword").asString("").strip();
            Step.Keyword role = role(keyword);
            if (role == null) {
                throw new IllegalArgumentException(
                        "step " + number + " has the keyword '" + keyword + "'; use Given, When, Then, And or But");
            }
            String text = masking.unmask(step.path("text").asString("").strip());
            if (text.isEmpty()) {
                throw new IllegalArgumentException("step " + number + " has no text");
            }
            if (text.contains("\n")) {
                throw new IllegalArgumentException("step " + number + " spans several lines; a step is one line");
            }
            Step built = new Step(role, text);
            JsonNode table = step.path("table");
            if (table.isArray() && !table.isEmpty()) {
                built = built.withTable(rows(table, masking));
            }
            JsonNode docString = step.path("docString");
            if (docString.isString() && !docString.asString().isBlank()) {
                built = built.withDocString(masking.unmask(docString.asString()));
            }
            read.add(built);
        }
        return read;
    }

    private static @Nullable Examples examples(JsonNode scenario, MaskingSession masking) {
        JsonNode examples = scenario.path("examples");
        if (!examples.isObject()) {
            return null;
        }
        List<String> header = new ArrayList<>();
        examples.path("header").forEach(cell -> header.add(cell.asString("").strip()));
        List<List<String>> rows = rows(examples.path("rows"), masking);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the scenario outline's examples have no rows");
        }
        return new Examples(header, rows);
    }

    private static List<List<String>> rows(JsonNode rows, MaskingSession masking) {
        List<List<String>> read = new ArrayList<>();
        for (JsonNode row : rows) {
            List<String> cells = new ArrayList<>();
            row.forEach(cell -> cells.add(
                    masking.unmask(cell.asString(cell.toString())).strip().replace("\n", " ")));
            read.add(cells);
        }
        return read;
    }

    private static Step.@Nullable Keyword role(String keyword) {
        return switch (keyword.toLowerCase(Locale.ROOT)) {
            case "given" -> Step.Keyword.GIVEN;
            case "when" -> Step.Keyword.WHEN;
            case "then" -> Step.Keyword.THEN;
            case "and", "*" -> Step.Keyword.AND;
            case "but" -> Step.Keyword.BUT;
            default -> null;
        };
    }

    /** The plan's tags, then the answer's, each once, without spaces (a tag with a space would be two). */
    private static List<String> tags(List<String> planned, JsonNode answered) {
        Set<String> tags = new LinkedHashSet<>(planned);
        answered.forEach(tag -> {
            String value = tag.asString("").strip().replaceAll("\\s+", "-");
            if (!value.isEmpty() && !value.equals("@")) {
                tags.add(value.startsWith("@") ? value : "@" + value);
            }
        });
        return List.copyOf(tags);
    }

    /** A scenario of the batch as it stands: written and checked, or still waiting for a usable answer. */
    private record Draft(
            GenerationPlan.PlannedScenario planned,
            @Nullable JsonNode source,
            List<String> tags,
            String gherkin,
            List<String> errors) {

        static Draft missing(GenerationPlan.PlannedScenario planned) {
            return new Draft(planned, null, planned.tags(), "", List.of(MISSING));
        }

        boolean valid() {
            return !gherkin.isEmpty() && errors.isEmpty();
        }

        GeneratedScenario toScenario() {
            return new GeneratedScenario(
                    planned.id(),
                    planned.title(),
                    tags,
                    planned.technique(),
                    planned.acceptanceCriteria(),
                    gherkin,
                    valid(),
                    errors);
        }
    }
}
