package dev.casewright.generation;

import java.util.List;

/**
 * An issue as the model would see it: Markdown text (summary, description, acceptance criteria,
 * attachments' text) with personal data already replaced by placeholders, the acceptance
 * criteria with the ids the model will cite, and the manifest of what went in. Images for vision
 * models travel separately and are not part of this view.
 */
public record IssueContext(
        String issueKey, String markdown, List<CriterionView> acceptanceCriteria, ContextManifest manifest) {

    /** An acceptance criterion as sent to the model (masked), with its id AC1..n. */
    public record CriterionView(String id, String text) {}
}
