package dev.casewright.settings;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A change of settings as the configuration page sends it.
 *
 * <p>Every secret follows the model API key's convention: {@code null} keeps the stored value,
 * blank removes it, anything else replaces it. Secrets are write-only, so the page never has them
 * to send back.
 *
 * @param apiKey the model provider's API key
 * @param expectedVersion the version the page loaded; a different stored version is a conflict
 * @param xrayClientId the client id of an Xray Cloud API key
 * @param xrayClientSecret the client secret of that Xray Cloud API key
 * @param zephyrApiToken a Zephyr Scale API access token
 * @param jiraTestIssueType the name of the issue type tests are published as to Jira ("Test",
 *     "Sub-task", ...); like the secrets, {@code null} keeps the stored choice and blank removes it,
 *     which means the automatic choice ("Test", else a sub-task type, else "Task")
 * @param jiraTestLinkType the name of the issue link type that links a test to its story
 *     ("Tests", "Relates", ...); {@code null} keeps, blank removes (the automatic "Tests", else
 *     "Relates")
 */
public record SettingsChange(
        String provider,
        @Nullable String model,
        @Nullable URI baseUrl,
        @Nullable String apiKey,
        @Nullable String instructions,
        boolean maskingEnabled,
        @Nullable Long monthlyTokenBudget,
        @Nullable Long expectedVersion,
        @Nullable String xrayClientId,
        @Nullable String xrayClientSecret,
        @Nullable String zephyrApiToken,
        @Nullable String jiraTestIssueType,
        @Nullable String jiraTestLinkType) {

    static final int MAX_INSTRUCTIONS = 4_000;
    /** Jira's own limit for issue type names is 60 characters; link type names are longer. */
    static final int MAX_TYPE_NAME = 255;
    // The columns hold the ciphertext: the UTF-8 bytes plus Tink's 5-byte prefix, 12-byte nonce and 16-byte tag.
    static final int MAX_XRAY_BYTES = 1_024 - 64;
    static final int MAX_ZEPHYR_BYTES = 4_096 - 64;

    /** A change that leaves the Jira publishing options as they are. */
    public SettingsChange(
            String provider,
            @Nullable String model,
            @Nullable URI baseUrl,
            @Nullable String apiKey,
            @Nullable String instructions,
            boolean maskingEnabled,
            @Nullable Long monthlyTokenBudget,
            @Nullable Long expectedVersion,
            @Nullable String xrayClientId,
            @Nullable String xrayClientSecret,
            @Nullable String zephyrApiToken) {
        this(
                provider,
                model,
                baseUrl,
                apiKey,
                instructions,
                maskingEnabled,
                monthlyTokenBudget,
                expectedVersion,
                xrayClientId,
                xrayClientSecret,
                zephyrApiToken,
                null,
                null);
    }

    /** A change that leaves the publishing targets' credentials and options as they are. */
    public SettingsChange(
            String provider,
            @Nullable String model,
            @Nullable URI baseUrl,
            @Nullable String apiKey,
            @Nullable String instructions,
            boolean maskingEnabled,
            @Nullable Long monthlyTokenBudget,
            @Nullable Long expectedVersion) {
        this(
                provider,
                model,
                baseUrl,
                apiKey,
                instructions,
                maskingEnabled,
                monthlyTokenBudget,
                expectedVersion,
                null,
                null,
                null,
                null,
                null);
    }

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
        requireAtMost(xrayClientId, MAX_XRAY_BYTES, "the Xray client id");
        requireAtMost(xrayClientSecret, MAX_XRAY_BYTES, "the Xray client secret");
        requireAtMost(zephyrApiToken, MAX_ZEPHYR_BYTES, "the Zephyr API token");
        requireTypeName(jiraTestIssueType, "the Jira test issue type");
        requireTypeName(jiraTestLinkType, "the Jira test link type");
    }

    private static void requireTypeName(@Nullable String name, String what) {
        if (name == null) {
            return;
        }
        if (name.strip().length() > MAX_TYPE_NAME) {
            throw new InvalidSettingsException(what + " has at most " + MAX_TYPE_NAME + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidSettingsException(what + " is a name on one line");
        }
    }

    private static void requireAtMost(@Nullable String secret, int bytes, String what) {
        if (secret != null && secret.strip().getBytes(StandardCharsets.UTF_8).length > bytes) {
            throw new InvalidSettingsException(what + " is longer than any we know of (at most " + bytes + " bytes)");
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
        return "SettingsChange[provider=" + provider + ", model=" + model + ", apiKey=" + shown(apiKey)
                + ", xrayClientId=" + shown(xrayClientId) + ", xrayClientSecret=" + shown(xrayClientSecret)
                + ", zephyrApiToken=" + shown(zephyrApiToken) + ", jiraTestIssueType=" + jiraTestIssueType
                + ", jiraTestLinkType=" + jiraTestLinkType + "]";
    }

    private static String shown(@Nullable String secret) {
        return secret == null ? "unchanged" : secret.isBlank() ? "removed" : "<new>";
    }
}
