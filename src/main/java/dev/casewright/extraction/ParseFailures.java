package dev.casewright.extraction;

import dev.casewright.extraction.ExtractedAttachment.Reason;
import java.util.Locale;
import org.apache.tika.exception.ZeroByteFileException;

/**
 * Tells from a parser's exception why an attachment could not be read, and says it in a sentence
 * for the user. Tika reports zip bombs and entity expansion only in messages, so those are matched
 * by text; the messages themselves are never shown or logged, as parsers may quote content in them.
 */
final class ParseFailures {

    record Failure(Reason reason, String warning) {}

    private ParseFailures() {}

    static Failure of(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            String name = cause.getClass().getName();
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (name.endsWith(".EncryptedDocumentException") || name.endsWith(".InvalidPasswordException")) {
                return new Failure(Reason.ENCRYPTED, "The document is password-protected and was not read.");
            }
            if (message.contains("levels of xml element nesting")
                    || message.contains("levels of package entry nesting")
                    || cause instanceof StackOverflowError) {
                return new Failure(Reason.TOO_DEEP, "The document is nested too deeply to read safely.");
            }
            if (message.contains("zip bomb")
                    || message.contains("entity expansion")
                    || message.contains("jaxp00010")
                    || cause instanceof OutOfMemoryError) {
                return new Failure(
                        Reason.EXPANDS_TOO_MUCH,
                        "The file expands far beyond its size when unpacked or parsed (a zip bomb or XML entity "
                                + "expansion) and was not read.");
            }
            if (cause instanceof ZeroByteFileException) {
                return new Failure(Reason.EMPTY, "The attachment is empty.");
            }
        }
        return new Failure(Reason.CORRUPT, "The file is damaged or not what its type says, and could not be read.");
    }
}
