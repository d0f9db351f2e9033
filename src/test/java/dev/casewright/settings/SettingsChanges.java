package dev.casewright.settings;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/** Settings changes as tests need them: one part of the settings, the rest left as stored. */
public final class SettingsChanges {

    private SettingsChanges() {}

    /** The model settings; credentials and publishing options stay as they are. */
    public static SettingsChange model(
            String provider,
            @Nullable String model,
            @Nullable URI baseUrl,
            @Nullable String apiKey,
            @Nullable String instructions,
            boolean maskingEnabled,
            @Nullable Long monthlyTokenBudget) {
        return new SettingsChange(
                provider,
                model,
                baseUrl,
                apiKey,
                instructions,
                maskingEnabled,
                monthlyTokenBudget,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** No model (provider {@code none}) and the targets' credentials; {@code null} keeps a stored one. */
    public static SettingsChange targetCredentials(
            @Nullable String xrayClientId, @Nullable String xrayClientSecret, @Nullable String zephyrApiToken) {
        return new SettingsChange(
                "none",
                null,
                null,
                null,
                null,
                true,
                null,
                null,
                xrayClientId,
                xrayClientSecret,
                zephyrApiToken,
                null,
                null,
                null);
    }

    /** No model (provider {@code none}) and the publishing options; {@code null} keeps, blank clears. */
    public static SettingsChange publishingOptions(
            @Nullable String jiraTestIssueType, @Nullable String jiraTestLinkType, @Nullable String zephyrFolder) {
        return new SettingsChange(
                "none",
                null,
                null,
                null,
                null,
                true,
                null,
                null,
                null,
                null,
                null,
                jiraTestIssueType,
                jiraTestLinkType,
                zephyrFolder);
    }
}
