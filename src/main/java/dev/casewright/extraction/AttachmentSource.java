package dev.casewright.extraction;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One attachment to extract, described by what its owner claims about it and a way to read it.
 *
 * <p>The name and declared type are hints for type detection only; the content decides. The
 * declared size lets oversized attachments be refused before anything is downloaded, and the byte
 * limit is enforced again while reading, so a wrong declaration costs at most the limit.
 *
 * @param id an identifier that is safe to log (for example the Jira attachment id); file names
 *     may be personal data and are never logged
 * @param fileName the attachment's file name, used as a detection hint
 * @param declaredMimeType the MIME type the owner declared, if any; never trusted
 * @param declaredSize the size in bytes the owner declared, or {@link #UNKNOWN_SIZE}
 * @param content opens the bytes; called at most once per extraction, and the stream is closed
 *     by the extractor
 */
public record AttachmentSource(
        String id, String fileName, @Nullable String declaredMimeType, long declaredSize, Content content) {

    public static final long UNKNOWN_SIZE = -1;

    public AttachmentSource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
    }

    /** Opens the attachment's bytes, typically a streamed download. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /** Leaves out the file name, which may be personal data, in case a caller logs a source. */
    @Override
    public String toString() {
        return "AttachmentSource[id=" + id + ", declaredMimeType=" + declaredMimeType + ", declaredSize=" + declaredSize
                + "]";
    }
}
