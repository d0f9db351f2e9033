package dev.casewright.crypto;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/** Turns a missing or unreadable keyset into a start-up message that says how to create one. */
class MissingKeysetFailureAnalyzer implements FailureAnalyzer {

    static final String HOW_TO_CREATE = """
            Create a keyset and pass it in the environment, for example:

                java -cp casewright.jar -Dloader.main=dev.casewright.crypto.KeysetTool \\
                     org.springframework.boot.loader.launch.PropertiesLauncher new > keyset.json
                export CASEWRIGHT_CRYPTO_KEYSET="$(cat keyset.json)"

            Keep it in your secret store: losing it makes every stored secret unreadable.
            For local development only, run with the dev profile (the default when no profile is \
            active), which generates a keyset under ./data/.""";

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MissingKeysetException || cause instanceof Keysets.InvalidKeysetException) {
                return new FailureAnalysis(cause.getMessage(), HOW_TO_CREATE, cause);
            }
        }
        return null;
    }
}
