package dev.casewright.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casewright.generation.PiiFixtures.Issue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Placeholders across the texts of one request, restoring them, and text that already looks like one. */
class MaskingSessionTests {

    private final PersonalDataMasker masker = new PersonalDataMasker();

    @Test
    void replacesPersonalDataWithTypedNumberedPlaceholders() {
        MaskedText masked = masker.mask("Mail ann@example.com or bob@example.com, call +49 30 23125 417.");

        assertThat(masked.text()).isEqualTo("Mail <EMAIL_1> or <EMAIL_2>, call <PHONE_1>.");
        assertThat(masked.counts())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        PersonalDataType.EMAIL, 2,
                        PersonalDataType.PHONE, 1));
    }

    @Test
    void givesARepeatedValueOnePlaceholderAcrossTheTextsOfASession() {
        MaskingSession session = masker.startSession(List.of());

        MaskedText description = session.mask("From ann@example.com, again ann@example.com");
        MaskedText criteria = session.mask("Then ann@example.com gets a mail");

        assertThat(description.text()).isEqualTo("From <EMAIL_1>, again <EMAIL_1>");
        assertThat(criteria.text()).isEqualTo("Then <EMAIL_1> gets a mail");
        assertThat(session.counts()).containsEntry(PersonalDataType.EMAIL, 3);
    }

    @Test
    void masksANameFoundInOneTextWhereverItRecursInTheSession() {
        MaskingSession session = masker.startSession(List.of());

        session.mask("Customer: Margaret Okafor complained.");
        MaskedText criteria = session.mask("Given Margaret Okafor has a saved card");

        assertThat(criteria.text()).isEqualTo("Given <PERSON_1> has a saved card");
    }

    @Test
    void restoresPlaceholdersTheModelEchoesInGherkinTablesAndQuotes() {
        MaskedText masked = masker.mask("Customer ann@example.com, phone (415) 555-0132");
        String output = """
                Scenario: Contact the customer
                  Given a customer with e-mail "<EMAIL_1>"
                  Then a text goes to <PHONE_1>
                  | email     | phone     |
                  | <EMAIL_1> | <PHONE_1> |
                """;

        assertThat(masker.unmask(output, masked)).isEqualTo("""
                        Scenario: Contact the customer
                          Given a customer with e-mail "ann@example.com"
                          Then a text goes to (415) 555-0132
                          | email     | phone     |
                          | ann@example.com | (415) 555-0132 |
                        """);
    }

    @Test
    void restoresPlaceholdersWhoseTypeNameHoldsADigit() {
        MaskedText masked = masker.mask("from 198.51.100.23 and 2001:db8::8a2e:370:7334");

        assertThat(masked.text()).isEqualTo("from <IPV4_1> and <IPV6_1>");
        assertThat(masker.unmask("<IPV4_1>, <ipv6_1>", masked)).isEqualTo("198.51.100.23, 2001:db8::8a2e:370:7334");
    }

    /** Models now and then lower-case what they copy; the placeholder is still ours. */
    @Test
    void restoresAPlaceholderWhateverItsCase() {
        MaskedText masked = masker.mask("ann@example.com");

        assertThat(masker.unmask("Write to <email_1> or <Email_1>", masked))
                .isEqualTo("Write to ann@example.com or ann@example.com");
    }

    @Test
    void leavesPlaceholdersItDidNotHandOutAlone() {
        MaskedText masked = masker.mask("ann@example.com");

        assertThat(masker.unmask("<EMAIL_2>, <PHONE_1>, <Outline_1>, <name>", masked))
                .isEqualTo("<EMAIL_2>, <PHONE_1>, <Outline_1>, <name>");
    }

    @Test
    void skipsNumbersThatTheInputAlreadyUsesAsLiteralPlaceholders() {
        String text = "The template prints <EMAIL_1> and <email_2>; the customer is ann@example.com";
        MaskedText masked = masker.mask(text);

        assertThat(masked.text()).isEqualTo("The template prints <EMAIL_1> and <email_2>; the customer is <EMAIL_3>");
        assertThat(masker.unmask(masked.text(), masked)).isEqualTo(text);
    }

    @Test
    void masksALiteralPlaceholderInALaterTextThatCollidesWithOneHandedOut() {
        MaskingSession session = masker.startSession(List.of());
        session.mask("ann@example.com");

        MaskedText later = session.mask("The template prints <EMAIL_1> literally");

        assertThat(later.text()).isEqualTo("The template prints <EMAIL_2> literally");
        assertThat(session.unmask(later.text())).isEqualTo("The template prints <EMAIL_1> literally");
        assertThat(session.counts()).containsEntry(PersonalDataType.EMAIL, 1);
    }

    @Test
    void doesNotReadARestoredValueAsAPlaceholderAgain() {
        MaskingSession session = masker.startSession(List.of());
        session.mask("ann@example.com");
        MaskedText later = session.mask("literal <EMAIL_1>");

        assertThat(session.unmask("<EMAIL_2> <EMAIL_1>")).isEqualTo("<EMAIL_1> ann@example.com");
        assertThat(later.originalsByPlaceholder()).containsEntry("<EMAIL_2>", "<EMAIL_1>");
    }

    @Test
    void showsCountsButNoValuesWhenPrinted() {
        MaskedText masked = masker.mask("ann@example.com, DE89 3704 0044 0532 0130 00");

        assertThat(masked.toString())
                .doesNotContain("ann@example.com")
                .doesNotContain("DE89")
                .contains("EMAIL=1")
                .contains("IBAN=1");
    }

    static List<Issue> issues() {
        return PiiFixtures.issues();
    }

    @ParameterizedTest
    @MethodSource("issues")
    void restoresEveryFixtureTextExactly(Issue issue) {
        MaskingSession session = masker.startSession(issue.mentionNames());
        for (String text : issue.texts()) {
            MaskedText masked = session.mask(text);

            assertThat(masker.unmask(masked.text(), masked)).isEqualTo(text);
            assertThat(session.unmask(masked.text())).isEqualTo(text);
        }
    }

    @Test
    void everyLabelledIssueIsMaskedSomewhere() {
        for (Issue issue : PiiFixtures.issues()) {
            if (!issue.labels().isEmpty()) {
                MaskingSession session = masker.startSession(issue.mentionNames());
                issue.texts().forEach(session::mask);
                assertThat(session.counts()).as(issue.key()).isNotEmpty();
            }
        }
    }
}
