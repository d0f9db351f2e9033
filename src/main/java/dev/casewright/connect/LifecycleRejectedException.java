package dev.casewright.connect;

/** A verified lifecycle callback whose body we cannot accept. Messages are safe to show. */
abstract sealed class LifecycleRejectedException extends RuntimeException {

    LifecycleRejectedException(String message) {
        super(message);
    }

    /** The body names another clientKey than the token Atlassian or the tenant signed. */
    static final class NotTheSender extends LifecycleRejectedException {
        NotTheSender() {
            super("The event's clientKey is not the one its token was issued for.");
        }
    }

    static final class InvalidPayload extends LifecycleRejectedException {
        InvalidPayload(String problem) {
            super("The lifecycle event is not valid: " + problem + ".");
        }
    }
}
