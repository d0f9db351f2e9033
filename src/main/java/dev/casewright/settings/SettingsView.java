package dev.casewright.settings;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The settings as pages see them: the API key only as "set or not". */
public record SettingsView(
        String provider,
        @Nullable String model,
        @Nullable String baseUrl,
        boolean apiKeySet,
        @Nullable String instructions,
        boolean maskingEnabled,
        @Nullable Long monthlyTokenBudget,
        long version,
        @Nullable Instant updatedAt) {

    static final SettingsView DEFAULTS = new SettingsView("none", null, null, false, null, true, null, -1, null);

    static SettingsView of(TenantSettingsEntity settings) {
        return new SettingsView(
                settings.provider,
                settings.model,
                settings.baseUrl,
                settings.apiKeyEnc != null,
                settings.instructions,
                settings.maskingEnabled,
                settings.monthlyTokenBudget,
                settings.version,
                settings.updatedAt);
    }
}
