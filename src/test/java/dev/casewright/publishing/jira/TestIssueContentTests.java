package dev.casewright.publishing.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casewright.jira.AdfDocuments;
import dev.casewright.jira.IssueLinkType;
import dev.casewright.jira.IssueType;
import dev.casewright.publishing.ScenarioToPublish;
import dev.casewright.publishing.Story;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TestIssueContentTests {

    private static final Story STORY =
            new Story("SHOP-12", "10012", "SHOP", "10000", URI.create("https://example-site.atlassian.net"));

    private static ScenarioToPublish scenario(String title, String gherkin, List<String> tags) {
        return new ScenarioToPublish(
                "S1",
                title,
                "Checkout",
                "en",
                tags,
                gherkin,
                "Feature: Checkout\n\n  " + gherkin.replace("\n", "\n  ") + "\n",
                "0".repeat(64));
    }

    @Test
    void aLongTitleIsCutAtTheLastWordThatFitsInJirasSummary() {
        String title = "When the customer ".repeat(20).strip();

        String summary = TestIssueContent.summary(title);

        assertThat(summary.length()).isLessThanOrEqualTo(255);
        assertThat(title).startsWith(summary);
        assertThat(title.charAt(summary.length())).isEqualTo(' ');
        assertThat(TestIssueContent.summary("  Pay\n with   a card ")).isEqualTo("Pay with a card");
    }

    @Test
    void tagsBecomeLabelsWithoutTheirAtSignAndWithoutSpacesOrCommas() {
        List<String> labels = TestIssueContent.labels(STORY, List.of("@checkout", "@a,b", "@checkout"));

        assertThat(labels).containsExactly("casewright", "casewright-shop-12", "checkout", "a-b");
    }

    @Test
    void theScenarioGoesIntoAGherkinCodeBlockOfTheDescription() {
        TestIssueContent.Content content =
                TestIssueContent.of(STORY, scenario("Pay", "Scenario: Pay\n  Given a card", List.of("@checkout")));

        assertThat(content.attachmentFileName()).isNull();
        assertThat(content.fields().path("summary").asString()).isEqualTo("Pay");
        assertThat(TestIssueContent.gherkinOf(content.fields().path("description")))
                .isEqualTo("Scenario: Pay\n  Given a card");
    }

    @Test
    void aScenarioTooLongForADescriptionGoesIntoAnAttachedFeatureFile() {
        String gherkin = "Scenario: Huge\n" + "  Given a step with \"quotes\" that grows\n".repeat(1_000);

        TestIssueContent.Content content = TestIssueContent.of(STORY, scenario("Huge", gherkin, List.of()));

        assertThat(content.attachmentFileName()).isEqualTo("checkout.feature");
        String description =
                JsonMapper.shared().writeValueAsString(content.fields().path("description"));
        assertThat(description.length()).isLessThanOrEqualTo(AdfDocuments.MAX_FIELD_CHARACTERS);
        assertThat(description).contains("checkout.feature");
    }

    @Test
    void theTestTypeIsTestThenASubTaskTypeThenTask() {
        IssueType story = new IssueType("1", "Story", false);
        IssueType task = new IssueType("2", "Task", false);
        IssueType subtask = new IssueType("3", "Sub-task", true);
        IssueType otherSubtask = new IssueType("4", "Checklist item", true);
        IssueType test = new IssueType("5", "Test", false);

        assertThat(JiraTarget.chooseIssueType(List.of(story, task, subtask, test)))
                .contains(test);
        assertThat(JiraTarget.chooseIssueType(List.of(story, otherSubtask, task, subtask)))
                .contains(subtask);
        assertThat(JiraTarget.chooseIssueType(List.of(story, task))).contains(task);
        assertThat(JiraTarget.chooseIssueType(List.of(story))).isEmpty();
    }

    @Test
    void theLinkTypeIsFoundByNameOrOutwardPhraseAndFallsBackToRelates() {
        IssueLinkType blocks = new IssueLinkType("1", "Blocks", "is blocked by", "blocks");
        IssueLinkType relates = new IssueLinkType("2", "Relates", "relates to", "relates to");
        IssueLinkType xrayTest = new IssueLinkType("3", "Test", "is tested by", "tests");

        assertThat(JiraTarget.chooseLinkType(List.of(blocks, relates, xrayTest)))
                .contains(xrayTest);
        assertThat(JiraTarget.chooseLinkType(List.of(blocks, relates))).contains(relates);
        assertThat(JiraTarget.chooseLinkType(List.of(blocks))).isEmpty();
    }
}
