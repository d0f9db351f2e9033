package dev.casewright.connect;

/**
 * A token failed verification. The message names the check that failed and is safe to log; it
 * never contains the token, a claim value taken from it, or a secret.
 */
class JwtRejectedException extends RuntimeException {

    JwtRejectedException(String reason) {
        super(reason);
    }

    JwtRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
