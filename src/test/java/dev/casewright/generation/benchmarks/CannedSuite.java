package dev.casewright.generation.benchmarks;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answers of the fake model: a plan and the steps of 8 distinct scenarios for a payee check
 * before a bank transfer (the story of fixture BANK-19), shaped as the v1 prompts ask. About 1 KB
 * of plan and 5 KB of steps, in line with what a real model writes for such a story.
 */
final class CannedSuite {

    private static final JsonMapper JSON = JsonMapper.shared();

    private record Planned(
            String title, String technique, List<String> criteria, String tag, List<String[]> steps, boolean outline) {

        Planned(String title, String technique, List<String> criteria, String tag, List<String[]> steps) {
            this(title, technique, criteria, tag, steps, false);
        }
    }

    private static final List<Planned> SCENARIOS = List.of(
            new Planned(
                    "Matching payee name releases the transfer without an extra step",
                    "use case",
                    List.of("AC1", "AC2"),
                    "@happy-path",
                    List.of(
                            step("Given", "the customer is logged in to online banking"),
                            step("And", "she opens a new SEPA transfer form"),
                            step("When", "she enters a valid IBAN and the payee name exactly as the bank holds it"),
                            step("Then", "the payee check starts automatically"),
                            step("And", "a green tick with the text \"Name matches\" is shown"),
                            step("And", "she can release the transfer without confirming anything else"))),
            new Planned(
                    "Close match offers the name the payee's bank holds",
                    "equivalence partitioning",
                    List.of("AC3"),
                    "@edge-case",
                    List.of(
                            step("Given", "the customer entered a valid IBAN"),
                            step("And", "she typed the payee name with a spelling mistake"),
                            step("When", "the payee check answers with a close match"),
                            step("Then", "the name held by the payee's bank is shown next to hers"),
                            step("When", "she accepts the suggested name with one click"),
                            step("Then", "the form holds the suggested name and the transfer can be released"))),
            new Planned(
                    "No match warns before the transfer is executed",
                    "state transition",
                    List.of("AC4"),
                    "@negative",
                    List.of(
                            step("Given", "the customer entered a valid IBAN and a payee name"),
                            step("When", "the payee check answers that the name does not match"),
                            step("Then", "a warning dialog explains the risk of a misdirected payment"),
                            step("And", "the transfer is not executed"),
                            step("When", "she confirms \"Transfer anyway\""),
                            step("Then", "the transfer is executed and her decision is recorded"))),
            new Planned(
                    "Cancelling the warning keeps the transfer unsent",
                    "state transition",
                    List.of("AC4"),
                    "@negative",
                    List.of(
                            step("Given", "the warning dialog for a payee name that does not match is open"),
                            step("When", "the customer chooses to go back and edit the transfer"),
                            step("Then", "no transfer is executed"),
                            step("And", "the form keeps the amount and the reference she entered"),
                            step("And", "the payee check runs again once she changes the name"))),
            new Planned(
                    "A payee check that times out counts as not possible",
                    "boundary value analysis",
                    List.of("AC5", "AC4"),
                    "@error-handling",
                    List.of(
                            step("Given", "the payee check service answers after <delay> seconds"),
                            step("When", "the customer enters a valid IBAN and a payee name"),
                            step("Then", "the result shown is \"<result>\""),
                            step("And", "the warning dialog is shown when the result is \"Check not possible\"")),
                    true),
            new Planned(
                    "The check result and the decision are recorded without the payee's name in clear",
                    "error guessing",
                    List.of("AC6"),
                    "@security",
                    List.of(
                            step("Given", "the customer confirmed a transfer after a warning about the payee name"),
                            step("When", "the audit trail of the transfer is read"),
                            step("Then", "it holds the check result, her decision and the time of both"),
                            step("And", "the application log holds no payee name in clear text"))),
            new Planned(
                    "Instant and standard transfers are checked alike",
                    "equivalence partitioning",
                    List.of("AC7"),
                    "@happy-path",
                    List.of(
                            step("Given", "the customer chooses an <kind> transfer"),
                            step("When", "she enters a valid IBAN and a payee name"),
                            step("Then", "the payee check starts before she can release the transfer")),
                    true),
            new Planned(
                    "Changing the IBAN after a check starts a new check",
                    "state transition",
                    List.of("AC1"),
                    "@edge-case",
                    List.of(
                            step("Given", "the payee check showed a match for the IBAN and name entered"),
                            step("When", "the customer changes one digit of the IBAN"),
                            step("Then", "the previous result is withdrawn"),
                            step("And", "a new payee check starts for the changed IBAN"),
                            step("And", "the transfer cannot be released until the new result is shown"))));

    private CannedSuite() {}

    private static String[] step(String keyword, String text) {
        return new String[] {keyword, text};
    }

    /** The plan call's answer with the first {@code count} scenarios. */
    static String plan(int count) {
        ObjectNode plan = JSON.createObjectNode();
        plan.put("featureName", "Verification of payee before a transfer");
        plan.put("language", "en");
        ArrayNode scenarios = plan.putArray("scenarios");
        for (Planned planned : SCENARIOS.subList(0, count)) {
            ObjectNode scenario = scenarios.addObject();
            scenario.put("title", planned.title());
            scenario.put("technique", planned.technique());
            planned.criteria().forEach(scenario.putArray("acceptanceCriteria")::add);
            scenario.putArray("tags").add(planned.tag());
        }
        plan.putArray("openQuestions").add("Which wording does the warning dialog use for a closed account?");
        return JSON.writeValueAsString(plan);
    }

    /** The expand call's answer: all 8 scenarios; the service takes the ones of its batch by id. */
    static String expansion() {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode scenarios = answer.putArray("scenarios");
        for (int i = 0; i < SCENARIOS.size(); i++) {
            Planned planned = SCENARIOS.get(i);
            ObjectNode scenario = scenarios.addObject();
            scenario.put("id", "S" + (i + 1));
            scenario.putArray("tags").add(planned.tag());
            ArrayNode steps = scenario.putArray("steps");
            for (String[] step : planned.steps()) {
                steps.addObject().put("keyword", step[0]).put("text", step[1]);
            }
            if (planned.outline()) {
                ObjectNode examples = scenario.putObject("examples");
                ArrayNode header = examples.putArray("header");
                ArrayNode rows = examples.putArray("rows");
                if (planned.steps().get(0)[1].contains("<delay>")) {
                    header.add("delay").add("result");
                    rows.addArray().add("4").add("Name matches");
                    rows.addArray().add("5").add("Name matches");
                    rows.addArray().add("6").add("Check not possible");
                } else {
                    header.add("kind");
                    rows.addArray().add("instant");
                    rows.addArray().add("standard");
                }
            }
        }
        return JSON.writeValueAsString(answer);
    }
}
