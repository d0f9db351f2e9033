package dev.casewright.connect;

/**
 * Atlassian did not give us a token to act as a user. The message says why and is safe to log: it
 * never contains the assertion, a token, the shared secret or free text from the response.
 */
class UserImpersonationException extends RuntimeException {

    enum Reason {
        /** The tenant installed the app without {@code ACT_AS_USER}, so it has no OAuth client id. */
        NOT_ENABLED_FOR_TENANT,
        /** The token endpoint refused the assertion (400 or 401, or another 4xx). */
        REFUSED,
        /** The token endpoint failed, timed out or could not be reached; a later retry may work. */
        UNAVAILABLE,
        /** The token endpoint answered 2xx with something that is not a usable bearer token. */
        INVALID_RESPONSE
    }

    private final Reason reason;

    UserImpersonationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    UserImpersonationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
