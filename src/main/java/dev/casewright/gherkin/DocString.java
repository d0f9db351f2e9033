package dev.casewright.gherkin;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A step's doc string: multi-line content, optionally with a media type such as {@code json}. */
public record DocString(String content, @Nullable String mediaType) implements StepArgument {

    public DocString {
        Objects.requireNonNull(content, "content");
        if (mediaType != null && mediaType.isBlank()) {
            mediaType = null;
        }
    }
}
