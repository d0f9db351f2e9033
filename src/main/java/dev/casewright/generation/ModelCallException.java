package dev.casewright.generation;

/**
 * A model call failed, said in terms an admin can act on; names the provider and the cause,
 * never the key, the prompt or the answer.
 */
class ModelCallException extends RuntimeException {

    enum Cause {
        KEY_REJECTED("the provider rejected the API key"),
        RATE_LIMITED("the provider's rate limit or quota was reached"),
        MODEL_NOT_FOUND("the provider does not know this model"),
        TIMED_OUT("the provider did not answer in time"),
        UNAVAILABLE("the provider failed or is unreachable"),
        REQUEST_REJECTED("the provider refused the request"),
        OUTPUT_UNPARSEABLE("the model's answer could not be read");

        final String text;

        Cause(String text) {
            this.text = text;
        }
    }

    private final String provider;
    private final Cause cause;

    ModelCallException(String provider, Cause cause, Throwable origin) {
        super(provider + ": " + cause.text, origin);
        this.provider = provider;
        this.cause = cause;
    }

    String provider() {
        return provider;
    }

    Cause reason() {
        return cause;
    }
}
