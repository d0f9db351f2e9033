package dev.casewright.jira;

/** An issue type a project lets you create; {@code subtask} types need a parent. */
public record IssueType(String id, String name, boolean subtask) {}
