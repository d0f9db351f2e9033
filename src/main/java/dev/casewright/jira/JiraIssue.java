package dev.casewright.jira;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What we read from an issue, as Jira returned it to the user who asked. Rich-text fields stay ADF
 * ({@link JsonNode}); ids are strings even where Jira sends numbers.
 *
 * @param acceptanceCriteria the tenant's acceptance-criteria field (ADF for a textarea, a text
 *     node for a plain text field), or {@code null} when the field is absent or empty
 * @param acceptanceCriteriaFieldId the custom field id it came from, for the context manifest
 * @param projectId the numeric id of the issue's project, as a string
 */
public record JiraIssue(
        String id,
        String key,
        String summary,
        @Nullable JsonNode description,
        @Nullable JsonNode acceptanceCriteria,
        @Nullable String acceptanceCriteriaFieldId,
        @Nullable String issueType,
        @Nullable String projectKey,
        @Nullable String status,
        List<String> labels,
        List<String> components,
        List<Attachment> attachments,
        List<LinkedIssue> links,
        List<IssueReference> subtasks,
        @Nullable IssueReference parent,
        @Nullable String projectId) {

    /** Attachment metadata; the content is read separately, within limits. */
    public record Attachment(
            String id,
            String filename,
            @Nullable String mimeType,
            long size,
            @Nullable String created) {}

    /**
     * A link as seen from this issue: "this issue {@code phrase} {@code issue}", with the phrase
     * already chosen by direction (an {@code outwardIssue} takes the outward phrase).
     */
    public record LinkedIssue(String linkId, String type, String phrase, IssueReference issue) {}

    public record IssueReference(
            String id,
            String key,
            @Nullable String summary,
            @Nullable String status) {}
}
