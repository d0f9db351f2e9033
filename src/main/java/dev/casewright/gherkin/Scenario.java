package dev.casewright.gherkin;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One scenario: its title, its tags (each starting with {@code @}), its steps and, for a Scenario Outline,
 * its Examples.
 */
public record Scenario(
        String title,
        List<String> tags,
        List<Step> steps,
        @Nullable Examples examples) {

    public Scenario {
        Objects.requireNonNull(title, "title");
        tags = tags.stream().map(Scenario::tag).toList();
        steps = List.copyOf(steps);
    }

    public Scenario(String title, List<Step> steps) {
        this(title, List.of(), steps, null);
    }

    /** A scenario with Examples is written as a Scenario Outline and runs once per Examples row. */
    public boolean isOutline() {
        return examples != null;
    }

    // Tags come from model output and user edits, often without the "@"; a tag with whitespace
    // would silently become two tags once written.
    private static String tag(String tag) {
        String trimmed = tag.strip();
        if (trimmed.isEmpty() || trimmed.equals("@") || trimmed.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("not a tag: '" + tag + "'");
        }
        return trimmed.startsWith("@") ? trimmed : "@" + trimmed;
    }
}
