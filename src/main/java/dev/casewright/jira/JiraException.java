package dev.casewright.jira;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Why a call into Jira failed, in terms a user can act on. Messages are safe to show: they name
 * the issue key or the HTTP status, never a token or a response body beyond Jira's own
 * {@code errorMessages}.
 */
public abstract sealed class JiraException extends RuntimeException {

    JiraException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /** Jira answers 404 both when an issue does not exist and when the user may not see it. */
    public static final class IssueNotFound extends JiraException {
        IssueNotFound(String what) {
            super(what + " was not found, or you do not have permission to see it.", null);
        }
    }

    /** Jira refused the caller (401: the credentials, 403: a permission). */
    public static final class PermissionDenied extends JiraException {
        private final int status;

        PermissionDenied(String what) {
            this(what, 403);
        }

        PermissionDenied(String what, int status) {
            super("Jira did not allow this: " + what + ".", null);
            this.status = status;
        }

        /** 401 when Jira rejected the credentials themselves, 403 when a permission is missing. */
        public int status() {
            return status;
        }
    }

    /** Still rate limited after the retries; try again after {@link #retryAfter()}. */
    public static final class RateLimited extends JiraException {
        private final Duration retryAfter;

        RateLimited(Duration retryAfter, @Nullable Throwable cause) {
            super(
                    "Jira is rate limiting this site. Try again in " + Math.max(1, retryAfter.toSeconds()) + " s.",
                    cause);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** Jira failed, timed out, answered something unreadable, or its breaker is open. */
    public static final class Unavailable extends JiraException {
        private final boolean outcomeUnknown;

        Unavailable(String why, @Nullable Throwable cause) {
            this(why, cause, false);
        }

        Unavailable(String why, @Nullable Throwable cause, boolean outcomeUnknown) {
            super("Jira is not answering properly right now (" + why + "). Try again in a minute.", cause);
            this.outcomeUnknown = outcomeUnknown;
        }

        /**
         * Whether the request may have reached Jira and been carried out although no answer came
         * (a read timeout, a connection dropped after sending): a create may have happened.
         */
        public boolean outcomeUnknown() {
            return outcomeUnknown;
        }
    }

    /** Jira refused what we sent (400/413/422), with its own explanations. */
    public static final class Rejected extends JiraException {
        private final int status;
        private final List<String> errorMessages;
        private final Map<String, String> fieldErrors;

        Rejected(int status, List<String> errorMessages, Map<String, String> fieldErrors) {
            super(
                    "Jira refused the request (HTTP " + status + ")"
                            + (errorMessages.isEmpty() ? "" : ": " + String.join(" ", errorMessages))
                            + (fieldErrors.isEmpty() ? "" : " " + fieldErrors),
                    null);
            this.status = status;
            this.errorMessages = List.copyOf(errorMessages);
            this.fieldErrors = Map.copyOf(fieldErrors);
        }

        /** The HTTP status: 400, 409, 413 (a size or count limit) or 422. */
        public int status() {
            return status;
        }

        public List<String> errorMessages() {
            return errorMessages;
        }

        public Map<String, String> fieldErrors() {
            return fieldErrors;
        }
    }

    /** An attachment is larger than the caller allows; nothing was downloaded. */
    public static final class AttachmentTooLarge extends JiraException {
        AttachmentTooLarge(String attachmentId, long size, long limit) {
            super("Attachment " + attachmentId + " has " + size + " bytes, more than the " + limit + " allowed.", null);
        }
    }
}
