package dev.casewright.jira;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reads Jira's issue JSON leniently: ids may be numbers or strings, any field may be missing. */
final class JiraIssueParser {

    private JiraIssueParser() {}

    static JiraIssue parse(JsonNode root, String acceptanceCriteriaField) {
        JsonNode fields = root.path("fields");
        String acceptanceFieldId = fieldIdByName(root.path("names"), acceptanceCriteriaField);
        JsonNode acceptance = acceptanceFieldId == null ? null : present(fields.path(acceptanceFieldId));
        List<String> labels = new ArrayList<>();
        fields.path("labels").forEach(label -> labels.add(text(label)));
        List<String> components = new ArrayList<>();
        fields.path("components").forEach(component -> components.add(text(component.path("name"))));
        List<JiraIssue.Attachment> attachments = new ArrayList<>();
        fields.path("attachment").forEach(attachment -> attachments.add(attachment(attachment)));
        List<JiraIssue.LinkedIssue> links = new ArrayList<>();
        fields.path("issuelinks").forEach(link -> {
            JsonNode type = link.path("type");
            boolean outward = link.has("outwardIssue");
            JsonNode other = outward ? link.path("outwardIssue") : link.path("inwardIssue");
            if (!other.isMissingNode()) {
                links.add(new JiraIssue.LinkedIssue(
                        text(link.path("id")),
                        text(type.path("name")),
                        text(outward ? type.path("outward") : type.path("inward")),
                        reference(other)));
            }
        });
        List<JiraIssue.IssueReference> subtasks = new ArrayList<>();
        fields.path("subtasks").forEach(subtask -> subtasks.add(reference(subtask)));
        JsonNode parent = present(fields.path("parent"));
        return new JiraIssue(
                text(root.path("id")),
                text(root.path("key")),
                text(fields.path("summary")),
                present(fields.path("description")),
                acceptance,
                acceptanceFieldId,
                nullableText(fields.path("issuetype").path("name")),
                nullableText(fields.path("project").path("key")),
                nullableText(fields.path("status").path("name")),
                labels,
                components,
                attachments,
                links,
                subtasks,
                parent == null ? null : reference(parent),
                nullableText(fields.path("project").path("id")));
    }

    static JiraIssue.Attachment attachment(JsonNode node) {
        return new JiraIssue.Attachment(
                text(node.path("id")),
                text(node.path("filename")),
                nullableText(node.path("mimeType")),
                node.path("size").asLong(0),
                nullableText(node.path("created")));
    }

    private static JiraIssue.IssueReference reference(JsonNode issue) {
        return new JiraIssue.IssueReference(
                text(issue.path("id")),
                text(issue.path("key")),
                nullableText(issue.path("fields").path("summary")),
                nullableText(issue.path("fields").path("status").path("name")));
    }

    /** The first field whose display name matches, ignoring case and surrounding spaces. */
    private static @Nullable String fieldIdByName(JsonNode names, String wanted) {
        String target = wanted.trim().toLowerCase(Locale.ROOT);
        for (Map.Entry<String, JsonNode> name : names.properties()) {
            if (name.getValue().isString()
                    && name.getValue()
                            .stringValue()
                            .trim()
                            .toLowerCase(Locale.ROOT)
                            .equals(target)) {
                return name.getKey();
            }
        }
        return null;
    }

    /** Null for absent, JSON null, blank strings and empty ADF documents. */
    private static @Nullable JsonNode present(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isString() && node.stringValue().isBlank()) {
            return null;
        }
        if (node.isObject()
                && "doc".equals(node.path("type").asString(""))
                && node.path("content").isEmpty()) {
            return null;
        }
        return node;
    }

    static String text(JsonNode node) {
        String value = nullableText(node);
        return value == null ? "" : value;
    }

    static @Nullable String nullableText(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asString() : null;
    }
}
