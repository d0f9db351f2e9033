package dev.casewright.generation;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What of an issue would leave Jira for the model, and what was left out and why — shown in the
 * panel before anything is sent. Counts only; the text itself travels beside it, never stored.
 *
 * @param estimatedTokens counted with OpenAI's o200k_base tokenizer over the masked text; an
 *     estimate for other providers
 * @param redactions personal data replaced by placeholders, per type ({@code EMAIL: 2})
 * @param flaggedInstructions lines that read like instructions to an AI; they stay in the text as
 *     data, the model is told to ignore them, and the panel warns
 */
public record ContextManifest(
        List<FieldEntry> fields,
        List<AttachmentEntry> attachments,
        long characters,
        long estimatedTokens,
        Map<String, Integer> redactions,
        int flaggedInstructions,
        List<String> warnings) {

    /** Values replaced by placeholders, all types together: what usage rows record. */
    public int redactionCount() {
        return redactions.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Attachments that were read, whole or in part. */
    public int attachmentsRead() {
        return (int) attachments.stream()
                .filter(attachment -> attachment.status() != Status.SKIPPED)
                .count();
    }

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
}
