package dev.casewright.generation;

/**
 * An issue as the model would see it: Markdown text (summary, description, acceptance criteria,
 * attachments' text), and the manifest of what went in. Images for vision models travel
 * separately and are not part of this view.
 */
public record IssueContext(String issueKey, String markdown, ContextManifest manifest) {}
