package dev.casewright.jira;

public record CreatedIssue(String id, String key) {}
