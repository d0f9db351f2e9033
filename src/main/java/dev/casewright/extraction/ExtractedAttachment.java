package dev.casewright.extraction;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What came of one attachment: its text (Markdown-ish: spreadsheets and CSV as Markdown tables,
 * other documents as paragraphs) or, for an image, the image itself.
 *
 * @param outcome whether the attachment is in, partly in, or out
 * @param reason why it is not fully included; {@code null} exactly when {@link Outcome#INCLUDED}
 * @param detectedMimeType the type detected from the content (without parameters), or {@code null}
 *     when the attachment was refused before it was read
 * @param text the extracted text; empty for images and skipped attachments
 * @param characterCount the length of {@code text} in UTF-16 chars, as the budget counts
 * @param image the image for a vision model, when the attachment is one
 * @param warnings short sentences for the user about what was left out and why; they never quote
 *     content or name the file
 */
public record ExtractedAttachment(
        Outcome outcome,
        @Nullable Reason reason,
        @Nullable String detectedMimeType,
        String text,
        int characterCount,
        @Nullable ExtractedImage image,
        List<String> warnings) {

    public enum Outcome {
        /** All of the text, or the image, is available. */
        INCLUDED,
        /** Only the start of the text is available; {@code reason} says why. */
        TRUNCATED,
        /** Nothing is available; {@code reason} says why. */
        SKIPPED
    }

    public enum Reason {
        /** More bytes than the per-attachment limit (declared or read), or an image with too many pixels. */
        TOO_BIG,
        /** The content is of a type this module does not read (after detection, whatever was declared). */
        UNSUPPORTED_TYPE,
        /** Password-protected document. */
        ENCRYPTED,
        /** Parsing took longer than the time per file; any text produced until then is kept. */
        TIMED_OUT,
        /** The generation's character budget ran out. */
        OVER_BUDGET,
        /** The per-attachment character limit was reached. */
        CHARACTER_LIMIT,
        /** The file is damaged or not what its type says. */
        CORRUPT,
        /** Documents or XML nested deeper than allowed; deeper parts were left out. */
        TOO_DEEP,
        /** Expands far beyond its size when unpacked (zip bomb, XML entity expansion). */
        EXPANDS_TOO_MUCH,
        /** No bytes, or no text in them (for example a scanned PDF without a text layer). */
        EMPTY,
        /** An image above the pixel or byte cap that could not be scaled down to fit. */
        IMAGE_TOO_LARGE,
        /** All parser threads were busy for longer than the time per file, or stuck. */
        BUSY,
        /** The bytes could not be read (the download failed). */
        UNREADABLE,
        /** Something failed on our side (for example no temporary directory could be made). */
        FAILED
    }

    public ExtractedAttachment {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(text, "text");
        warnings = List.copyOf(warnings);
        if ((outcome == Outcome.INCLUDED) != (reason == null)) {
            throw new IllegalArgumentException("A reason is given exactly when the outcome is not INCLUDED");
        }
        if (outcome == Outcome.SKIPPED && (!text.isEmpty() || image != null)) {
            throw new IllegalArgumentException("A skipped attachment has neither text nor image");
        }
        if (characterCount != text.length()) {
            throw new IllegalArgumentException("characterCount must equal the text's length");
        }
    }

    static ExtractedAttachment skipped(Reason reason, @Nullable String detectedMimeType, List<String> warnings) {
        return new ExtractedAttachment(Outcome.SKIPPED, reason, detectedMimeType, "", 0, null, warnings);
    }

    static ExtractedAttachment text(
            String text, @Nullable Reason truncatedBecause, String detectedMimeType, List<String> warnings) {
        Outcome outcome = truncatedBecause == null ? Outcome.INCLUDED : Outcome.TRUNCATED;
        return new ExtractedAttachment(
                outcome, truncatedBecause, detectedMimeType, text, text.length(), null, warnings);
    }

    static ExtractedAttachment image(ExtractedImage image, String detectedMimeType, List<String> warnings) {
        return new ExtractedAttachment(Outcome.INCLUDED, null, detectedMimeType, "", 0, image, warnings);
    }

    public boolean isImage() {
        return image != null;
    }

    /** Leaves out the text, so that logging a result cannot leak content. */
    @Override
    public String toString() {
        return "ExtractedAttachment[outcome=" + outcome + ", reason=" + reason + ", detectedMimeType="
                + detectedMimeType + ", characterCount=" + characterCount + ", image=" + image + ", warnings="
                + warnings + "]";
    }
}
