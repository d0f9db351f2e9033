package dev.casewright.settings;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's model choice as the generator needs it, with the API key decrypted. Lives for one
 * request; {@link #toString()} never shows the key.
 */
public record ModelSettings(
        String provider,
        @Nullable String model,
        @Nullable URI baseUrl,
        @Nullable String apiKey,
        String instructions,
        boolean maskingEnabled,
        @Nullable Long monthlyTokenBudget,
        long version) {

    @Override
    public String toString() {
        return "ModelSettings[provider=" + provider + ", model=" + model + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey == null ? "none" : "<set>") + ", maskingEnabled=" + maskingEnabled + ", version=" + version
                + "]";
    }
}
