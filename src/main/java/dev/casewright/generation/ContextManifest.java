package dev.casewright.generation;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What of an issue would leave Jira for the model, and what was left out and why — shown in the
 * panel before anything is sent. Counts only; the text itself travels beside it, never stored.
 *
 * @param estimatedTokens an estimate: characters / 4, the usual rule of thumb for English text
 *     with GPT-style tokenizers; the generation issue replaces it with a real tokenizer per model
 */
public record ContextManifest(
        List<FieldEntry> fields,
        List<AttachmentEntry> attachments,
        long characters,
        long estimatedTokens,
        List<String> warnings) {

    public enum Status {
        INCLUDED,
        TRUNCATED,
        EMPTY,
        SKIPPED
    }

    /** A field of the issue: summary, description, acceptance criteria, extra context. */
    public record FieldEntry(String name, Status status, long characters, long estimatedTokens) {}

    /**
     * @param reason why it was skipped or truncated (too big, unsupported type, encrypted, timed
     *     out, over the budget, not chosen, ...)
     * @param image whether it goes to the model as an image rather than as text
     */
    public record AttachmentEntry(
            String id,
            String filename,
            @Nullable String mimeType,
            long size,
            Status status,
            @Nullable String reason,
            long characters,
            long estimatedTokens,
            boolean image,
            List<String> warnings) {}

    static long estimateTokens(long characters) {
        return (characters + 3) / 4;
    }
}
