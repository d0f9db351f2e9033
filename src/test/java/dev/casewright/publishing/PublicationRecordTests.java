package dev.casewright.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PublicationRecordTests {

    private final JsonMapper json = JsonMapper.shared();

    private static String fingerprint(int i) {
        return String.format("%064x", i);
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        PublicationRecord record = PublicationRecord.from(Optional.empty());
        record.put(
                "jira",
                "S1",
                PublicationRecord.Entry.published(
                        fingerprint(1),
                        "0123456789ab",
                        new PublishedTest("SHOP-42", "https://x/browse/SHOP-42", null),
                        2));
        record.put("xray", "S1", PublicationRecord.Entry.pending(fingerprint(2)));
        record.remember(new PublicationRecord.Replay(
                "k1", "r1", List.of(new PublicationRecord.Remembered("S1", "created", "SHOP-42", "https://x"))));
        record.comment("c1", "10050");
        record.attachment("a1", "10300");

        PublicationRecord read = PublicationRecord.from(Optional.of(record.toJson()));

        assertThat(read.toJson()).isEqualTo(record.toJson());
        assertThat(read.entry("jira", "S1").map(PublicationRecord.Entry::version))
                .contains(2);
        assertThat(read.entry("xray", "S1").map(PublicationRecord.Entry::pending))
                .contains(true);
        assertThat(read.entry("xray", "S1").map(PublicationRecord.Entry::test)).isEmpty();
        assertThat(read.replay("k1")).isPresent();
        assertThat(read.comment("c1")).contains("10050");
        assertThat(read.attached("a1")).isTrue();
        assertThat(read.keys("jira")).containsExactly("SHOP-42");
    }

    @Test
    void anEntryIsUnchangedOnlyWithTheSameFingerprintAndTitleAndAnOldEntryWithoutATitleHashByFingerprintAlone() {
        String title = Publisher.titleHash(scenario("Pay with a saved card"));
        var test = new PublishedTest("SHOP-42", "https://x/browse/SHOP-42", null);
        var entry = PublicationRecord.Entry.published(fingerprint(1), title, test, 1);

        assertThat(Publisher.unchanged(entry, fingerprint(1), title)).isTrue();
        assertThat(Publisher.unchanged(entry, fingerprint(2), title)).isFalse();
        assertThat(Publisher.unchanged(entry, fingerprint(1), Publisher.titleHash(scenario("Pay with a stored card"))))
                .isFalse();
        // Written before titles were recorded: read back without a hash, compared by fingerprint only.
        var old = PublicationRecord.from(Optional.of(json.readTree(
                        "{\"version\":1,\"targets\":{\"jira\":{\"S1\":{\"fingerprint\":\"" + fingerprint(1)
                                + "\",\"key\":\"SHOP-42\",\"url\":\"https://x/browse/SHOP-42\",\"version\":1}}}}")))
                .entry("jira", "S1")
                .orElseThrow();
        assertThat(old.titleHash()).isNull();
        assertThat(Publisher.unchanged(old, fingerprint(1), title)).isTrue();
        assertThat(Publisher.unchanged(old, fingerprint(2), title)).isFalse();
    }

    @Test
    void aTitlesHashIsShortIgnoresSpacingKeepsCaseAndDoesNotHoldTheTitle() {
        String hash = Publisher.titleHash(scenario("Pay with a saved card"));

        assertThat(hash).hasSize(12).matches("[0-9a-f]+");
        assertThat(Publisher.titleHash(scenario("  Pay with  a saved\tcard "))).isEqualTo(hash);
        assertThat(Publisher.titleHash(scenario("Pay with a saved Card"))).isNotEqualTo(hash);
    }

    private static ScenarioToPublish scenario(String title) {
        return new ScenarioToPublish(
                "S1", title, "Checkout", "en", List.of(), "Scenario: " + title, "Feature: Checkout", fingerprint(1));
    }

    @Test
    void onlyTheLastFiveIdempotencyKeysAreKept() {
        PublicationRecord record = PublicationRecord.from(Optional.empty());
        for (int i = 1; i <= 7; i++) {
            record.remember(new PublicationRecord.Replay("k" + i, "r", List.of()));
        }

        assertThat(record.replay("k2")).isEmpty();
        assertThat(record.replay("k3")).isPresent();
        assertThat(record.replay("k7")).isPresent();
    }

    @Test
    void theRecordShrinksItsReplaysToStayWithinJirasPropertyLimitButNeverDropsAPublishedTest() {
        PublicationRecord record = PublicationRecord.from(Optional.empty());
        for (int i = 0; i < 100; i++) {
            record.put(
                    "jira",
                    "S" + i,
                    PublicationRecord.Entry.published(
                            fingerprint(i),
                            "0123456789ab",
                            new PublishedTest("SHOP-" + i, "https://example-site.atlassian.net/browse/SHOP-" + i, null),
                            1));
        }
        List<PublicationRecord.Remembered> many = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> new PublicationRecord.Remembered(
                        "S" + i, "created", "SHOP-" + i, "https://example-site.atlassian.net/browse/SHOP-" + i))
                .toList();
        for (int i = 0; i < 5; i++) {
            record.remember(new PublicationRecord.Replay("k" + i, "r", many));
        }
        assertThat(record.length(json)).isGreaterThan(PublicationRecord.MAX_CHARACTERS);

        String written = json.writeValueAsString(record.toJsonWithin(json));

        assertThat(written.length()).isLessThanOrEqualTo(PublicationRecord.MAX_CHARACTERS);
        assertThat(record.replay("k4")).isPresent();
        assertThat(record.replay("k0")).isEmpty();
        assertThat(record.keys("jira")).hasSize(100);
    }

    @Test
    void aRecordWhoseTestsAloneOutgrowTheLimitRefusesToBeWrittenAndHasNoRoomForMore() {
        PublicationRecord record = PublicationRecord.from(Optional.empty());
        for (int i = 0; record.length(json) <= PublicationRecord.MAX_CHARACTERS; i++) {
            record.put(
                    "jira",
                    "S" + i,
                    PublicationRecord.Entry.published(
                            fingerprint(i),
                            "0123456789ab",
                            new PublishedTest("SHOP-" + i, "https://example-site.atlassian.net/browse/SHOP-" + i, null),
                            1));
        }

        assertThat(record.hasRoomForOneMore(json)).isFalse();
        assertThatThrownBy(() -> record.toJsonWithin(json)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void titlesMatchIgnoringCaseAndSpacingOrWhenTheTestHoldsTheTitleCutShort() {
        String longTitle = "word ".repeat(80).strip();

        assertThat(Publisher.sameTitle("Pay  with a CARD", "pay with a card")).isTrue();
        assertThat(Publisher.sameTitle(longTitle.substring(0, 254), longTitle)).isTrue();
        assertThat(Publisher.sameTitle("Pay", "Pay with a card")).isFalse();
        assertThat(Publisher.sameTitle("", "")).isFalse();
    }
}
