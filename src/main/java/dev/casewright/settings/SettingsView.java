package dev.casewright.settings;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The settings as pages see them: the API key only as "set or not", the publishing targets'
 * credentials only as "configured or not".
 *
 * @param jiraTestIssueType the issue type name tests are published as to Jira; null for the
 *     automatic choice
 * @param jiraTestLinkType the link type name that links a test to its story; null for the
 *     automatic choice
 * @param zephyrFolder the Zephyr folder (name or path) new test cases go in; null for none
 */
public record SettingsView(
        String provider,
        @Nullable String model,
        @Nullable String baseUrl,
        boolean apiKeySet,
        @Nullable String instructions,
        boolean maskingEnabled,
        @Nullable Long monthlyTokenBudget,
        Credentials xray,
        Credentials zephyr,
        @Nullable String jiraTestIssueType,
        @Nullable String jiraTestLinkType,
        @Nullable String zephyrFolder,
        long version,
        @Nullable Instant updatedAt) {

    /** Whether a target's credentials are stored; never their values. */
    public record Credentials(boolean configured) {}

    static final SettingsView DEFAULTS = new SettingsView(
            "none",
            null,
            null,
            false,
            null,
            true,
            null,
            new Credentials(false),
            new Credentials(false),
            null,
            null,
            null,
            -1,
            null);

    static SettingsView of(TenantSettingsEntity settings) {
        return new SettingsView(
                settings.provider,
                settings.model,
                settings.baseUrl,
                settings.apiKeyEnc != null,
                settings.instructions,
                settings.maskingEnabled,
                settings.monthlyTokenBudget,
                new Credentials(settings.xrayClientIdEnc != null && settings.xrayClientSecretEnc != null),
                new Credentials(settings.zephyrApiTokenEnc != null),
                settings.jiraTestIssueType,
                settings.jiraTestLinkType,
                settings.zephyrFolder,
                settings.version,
                settings.updatedAt);
    }
}
