package dev.casewright.settings;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * A change of settings as the configuration page sends it.
 *
 * @param apiKey {@code null} keeps the stored key, blank removes it, anything else replaces it
 * @param expectedVersion the version the page loaded; a different stored version is a conflict
 */
public record SettingsChange(
        String provider,
        @Nullable String model,
        @Nullable URI baseUrl,
        @Nullable String apiKey,
        @Nullable String instructions,
        boolean maskingEnabled,
        @Nullable Long monthlyTokenBudget,
        @Nullable Long expectedVersion) {

    static final int MAX_INSTRUCTIONS = 4_000;

    void validate() {
        if (provider == null || !TenantSettings.PROVIDERS.contains(provider)) {
            throw new InvalidSettingsException("provider must be one of " + TenantSettings.PROVIDERS);
        }
        if (model != null && model.length() > 128) {
            throw new InvalidSettingsException("model names have at most 128 characters");
        }
        if (baseUrl != null
                && (!baseUrl.isAbsolute()
                        || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme())))) {
            throw new InvalidSettingsException("the base URL must be an absolute http(s) URL");
        }
        if (apiKey != null && apiKey.length() > 1_000) {
            throw new InvalidSettingsException("the API key is longer than any provider's");
        }
        if (instructions != null && instructions.length() > MAX_INSTRUCTIONS) {
            throw new InvalidSettingsException("instructions have at most " + MAX_INSTRUCTIONS + " characters");
        }
        if (monthlyTokenBudget != null && monthlyTokenBudget < 0) {
            throw new InvalidSettingsException("the monthly token budget cannot be negative");
        }
    }

    /** A change that cannot be stored; the message says which field and why. */
    public static class InvalidSettingsException extends RuntimeException {
        InvalidSettingsException(String message) {
            super(message);
        }
    }

    @Override
    public String toString() {
        return "SettingsChange[provider=" + provider + ", model=" + model + ", apiKey="
                + (apiKey == null ? "unchanged" : apiKey.isBlank() ? "removed" : "<new>") + "]";
    }
}
