package dev.casewright.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Near-duplicates with the real in-process model. All cases live in this class so the model loads
 * once; bounds are loose on purpose, because exact scores depend on the model's floats.
 */
class ScenarioDuplicatesTests {

    private static final ScenarioDuplicates duplicates = new ScenarioDuplicates();

    private static final ScenarioText LOGIN = new ScenarioText("S1", "Login with valid credentials", """
            Scenario: Login with valid credentials
              Given a registered user on the login page
              When the user enters a valid email and password
              And submits the login form
              Then the user sees the account dashboard
            """);

    private static final ScenarioText LOGIN_REWORDED = new ScenarioText("S4", "LOGIN WITH VALID CREDENTIALS", """
            Scenario: LOGIN WITH VALID CREDENTIALS
              Given a registered user is on the login page
              When the user enters a valid email address and password
              And the user submits the login form
              Then the user sees their account dashboard
            """);

    private static final ScenarioText SHIPPING = new ScenarioText("S2", "Shipping costs for an order abroad", """
            Scenario: Shipping costs for an order abroad
              Given a cart with two books worth 30 euros
              And a delivery address in Switzerland
              When the customer opens the checkout
              Then shipping costs of 12 euros are added to the total
            """);

    private static final ScenarioText FREE_SHIPPING = new ScenarioText("S3", "Free shipping above 50 euros", """
            Scenario: Free shipping above 50 euros
              Given a cart worth 60 euros
              And a delivery address in Germany
              When the customer opens the checkout
              Then no shipping costs are added
            """);

    @Test
    void scoresIdenticalScenariosAsOne() {
        ScenarioText copy = new ScenarioText("S7", LOGIN.title(), LOGIN.gherkin());

        assertThat(duplicates.within(List.of(LOGIN, copy), ScenarioDuplicates.DEFAULT_THRESHOLD))
                .containsExactly(new DuplicatePair("S1", "S7", 1.0));
    }

    @Test
    void findsRewordedStepsWithDifferentTitleCasingAboveTheDefaultThreshold() {
        List<DuplicatePair> pairs =
                duplicates.within(List.of(LOGIN, SHIPPING, LOGIN_REWORDED), ScenarioDuplicates.DEFAULT_THRESHOLD);

        assertThat(pairs).singleElement().satisfies(pair -> {
            assertThat(pair.a()).isEqualTo("S1");
            assertThat(pair.b()).isEqualTo("S4");
            assertThat(pair.similarity()).isGreaterThan(0.9).isLessThanOrEqualTo(1.0);
        });
    }

    @Test
    void scoresLoginAndShippingCostsFarBelowTheThreshold() {
        assertThat(duplicates.within(List.of(LOGIN, SHIPPING), 0.7)).isEmpty();
    }

    @Test
    void keepsTwoShippingScenariosOfTheSameFeatureApart() {
        assertThat(duplicates.within(List.of(SHIPPING, FREE_SHIPPING), ScenarioDuplicates.DEFAULT_THRESHOLD))
                .isEmpty();
    }

    @Test
    void matchesNewScenariosAgainstExistingTestsWithTheNewIdFirst() {
        ScenarioText existingLogin = new ScenarioText("SHOP-42", "Log in with valid credentials", """
                Scenario: Log in with valid credentials
                  Given a registered user on the login page
                  When the user enters a valid email and password
                  And submits the login form
                  Then the account dashboard is shown
                """);
        ScenarioText existingSearch = new ScenarioText("SHOP-7", "Search by author", """
                Scenario: Search by author
                  Given the catalogue contains books by Jane Austen
                  When the customer searches for "Austen"
                  Then only books by Jane Austen are listed
                """);

        List<DuplicatePair> pairs = duplicates.against(
                List.of(SHIPPING, LOGIN), List.of(existingSearch, existingLogin), ScenarioDuplicates.DEFAULT_THRESHOLD);

        assertThat(pairs).singleElement().satisfies(pair -> {
            assertThat(pair.a()).isEqualTo("S1");
            assertThat(pair.b()).isEqualTo("SHOP-42");
            assertThat(pair.similarity()).isGreaterThan(0.9);
        });
    }

    @Test
    void returnsNoPairsForEmptyOrSingleScenarioInputs() {
        double threshold = ScenarioDuplicates.DEFAULT_THRESHOLD;

        assertThat(duplicates.within(List.of(), threshold)).isEmpty();
        assertThat(duplicates.within(List.of(LOGIN), threshold)).isEmpty();
        assertThat(duplicates.against(List.of(), List.of(LOGIN), threshold)).isEmpty();
        assertThat(duplicates.against(List.of(LOGIN), List.of(), threshold)).isEmpty();
    }

    @Test
    void ordersPairsByFallingSimilarityWithTheLowerIdFirstAndRoundsToTwoDecimals() {
        ScenarioText loginAgain = new ScenarioText("S10", LOGIN.title(), LOGIN.gherkin());
        ScenarioText shippingAgain = new ScenarioText("S9", SHIPPING.title(), SHIPPING.gherkin());

        List<DuplicatePair> pairs = duplicates.within(
                List.of(loginAgain, SHIPPING, LOGIN_REWORDED, shippingAgain, LOGIN),
                ScenarioDuplicates.DEFAULT_THRESHOLD);

        assertThat(pairs).extracting(DuplicatePair::similarity).isSortedAccordingTo((x, y) -> Double.compare(y, x));
        assertThat(pairs).allSatisfy(pair -> {
            assertThat(pair.similarity() * 100).isCloseTo(Math.rint(pair.similarity() * 100), within(1e-9));
        });
        // The two exact copies tie at 1.0 and come in id order, S2 before S10 as a reader expects.
        assertThat(pairs.subList(0, 2))
                .containsExactly(new DuplicatePair("S1", "S10", 1.0), new DuplicatePair("S2", "S9", 1.0));
        assertThat(pairs)
                .extracting(pair -> pair.a() + "-" + pair.b())
                .containsExactlyInAnyOrder("S1-S10", "S2-S9", "S1-S4", "S4-S10");
    }

    @Test
    void findsAGermanParaphraseButNotAnUnrelatedGermanScenario() {
        ScenarioText anmelden = new ScenarioText("S1", "Anmeldung mit gültigen Zugangsdaten", """
                # language: de
                Szenario: Anmeldung mit gültigen Zugangsdaten
                  Angenommen ein registrierter Benutzer ist auf der Anmeldeseite
                  Wenn der Benutzer eine gültige E-Mail-Adresse und sein Passwort eingibt
                  Und das Anmeldeformular absendet
                  Dann sieht der Benutzer seine Kontoübersicht
                """);
        ScenarioText anmeldenUmformuliert = new ScenarioText("S2", "ANMELDUNG MIT GÜLTIGEN ZUGANGSDATEN", """
                # language: de
                Szenario: ANMELDUNG MIT GÜLTIGEN ZUGANGSDATEN
                  Gegeben sei ein registrierter Benutzer auf der Anmeldeseite
                  Wenn der Benutzer eine gültige E-Mail-Adresse und das Passwort eingibt
                  Und der Benutzer das Anmeldeformular absendet
                  Dann sieht der Benutzer die Kontoübersicht
                """);
        ScenarioText versand = new ScenarioText("S3", "Versandkosten ins Ausland", """
                # language: de
                Szenario: Versandkosten ins Ausland
                  Angenommen ein Warenkorb mit zwei Büchern für 30 Euro
                  Und eine Lieferadresse in der Schweiz
                  Wenn der Kunde die Kasse öffnet
                  Dann werden 12 Euro Versandkosten zur Summe addiert
                """);

        List<DuplicatePair> pairs = duplicates.within(
                List.of(anmelden, anmeldenUmformuliert, versand), ScenarioDuplicates.DEFAULT_THRESHOLD);

        assertThat(pairs).singleElement().satisfies(pair -> {
            assertThat(pair.a() + "-" + pair.b()).isEqualTo("S1-S2");
            assertThat(pair.similarity()).isGreaterThan(0.9);
        });
    }

    @Test
    void embedsTitleAndStepTextsWithoutKeywordsHeaderOrTags() {
        ScenarioText german = new ScenarioText("S1", "Anmeldung", """
                # language: de
                @smoke
                Szenario: Anmeldung
                  Angenommen ein Benutzer
                  Gegeben sei ein Konto
                  Wenn er sich anmeldet
                  Und wartet
                  Aber nichts passiert
                  Dann sieht er die Übersicht
                """);

        assertThat(ScenarioDuplicates.embeddedText(german))
                .isEqualTo("anmeldung\nein benutzer\nein konto\ner sich anmeldet\nwartet\nnichts passiert\n"
                        + "sieht er die übersicht");
        assertThat(ScenarioDuplicates.embeddedText(LOGIN))
                .startsWith("login with valid credentials\na registered user on the login page\n");
    }

    @Test
    void truncatesLongScenariosBeforeEmbedding() {
        String steps = "  And the customer adds another book to the cart\n".repeat(100);
        ScenarioText longScenario =
                new ScenarioText("S1", "Many books", "Scenario: Many books\n  Given an empty cart\n" + steps);

        assertThat(ScenarioDuplicates.embeddedText(longScenario)).hasSize(ScenarioDuplicates.MAX_EMBEDDED_CHARACTERS);
    }

    @Test
    void rejectsAThresholdOutsideZeroToOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> duplicates.within(List.of(LOGIN, SHIPPING), 1.5));
        assertThatIllegalArgumentException().isThrownBy(() -> duplicates.against(List.of(LOGIN), List.of(SHIPPING), 0));
    }
}
