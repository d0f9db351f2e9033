package dev.casewright.jira;

/** A link type of the site: "A {@code outward} B" reads "B {@code inward} A". */
public record IssueLinkType(String id, String name, String inward, String outward) {}
