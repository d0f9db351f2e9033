package dev.casewright.gherkin;

import java.util.List;

/** Scenarios and features that together use every part of the model, for round-trip and fingerprint tests. */
final class GherkinFixtures {

    static final List<String> LANGUAGES = List.of("en", "de", "fr", "es", "ja", "pt");

    private GherkinFixtures() {}

    static Scenario login() {
        return new Scenario(
                "Registered user signs in",
                List.of("@happy", "@SHOP-42"),
                List.of(
                        Step.given("a registered user \"alice\""),
                        Step.and("she is on the sign-in page"),
                        Step.when("she signs in with a valid password"),
                        Step.then("she sees her dashboard"),
                        Step.but("no warning is shown")),
                null);
    }

    static Scenario withTable() {
        return new Scenario(
                "Cart totals include tax",
                List.of(),
                List.of(
                        Step.given("a cart with")
                                .withTable(List.of(
                                        List.of("item", "price", "note"),
                                        List.of("Book", "12.50", "a|b"),
                                        List.of("Lamp ünïcode", "100", "back\\slash"),
                                        List.of("商品", "7", ""))),
                        Step.when("the customer checks out"),
                        Step.then("the total is 119.50")),
                null);
    }

    static Scenario withDocString() {
        return new Scenario(
                "API rejects a malformed order",
                List.of("@negative"),
                List.of(
                        Step.given("the request body")
                                .withDocString("{\n  \"quantity\": -1,\n\n  \"note\": \"\\\"\\\"\\\" quotes\"\n}"),
                        new Step(
                                Step.Keyword.WHEN,
                                "it is posted",
                                new DocString("POST /orders\nContent-Type: application/json", "http")),
                        Step.then("the response status is 400"),
                        Step.and("the body quotes").withDocString("he said \"\"\" three quotes")),
                null);
    }

    static Scenario outline() {
        return new Scenario(
                "Password length <length> is <verdict>",
                List.of("@boundary"),
                List.of(
                        Step.given("a new user"),
                        Step.when("she chooses a password of <length> characters"),
                        Step.then("the password is <verdict>")),
                new Examples(
                        List.of("length", "verdict"),
                        List.of(List.of("7", "rejected"), List.of("8", "accepted"), List.of("64", "accepted"))));
    }

    static List<Scenario> scenarios() {
        return List.of(login(), withTable(), withDocString(), outline());
    }

    static Feature feature(String language) {
        return new Feature(
                "Checkout",
                language,
                List.of(Step.given("the shop is open"), Step.and("prices include tax")),
                scenarios());
    }
}
