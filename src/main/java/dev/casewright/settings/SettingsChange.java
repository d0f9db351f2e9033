package dev.casewright.settings;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
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
 * @param zephyrFolder the Zephyr Scale test case folder new test cases go in: a name
 *     ("Regression") or a path of names from a top-level folder ("Regression/Checkout");
 *     {@code null} keeps, blank removes (no folder)
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
        @Nullable String jiraTestLinkType,
        @Nullable String zephyrFolder) {

    static final int MAX_INSTRUCTIONS = 4_000;
    /** Jira's own limit for issue type names is 60 characters; link type names are longer. */
    static final int MAX_TYPE_NAME = 255;
    /** Zephyr's limit for one folder's name. */
    static final int MAX_FOLDER_NAME = 255;
    /** A path of several folder names; the column holds 1,024 characters. */
    static final int MAX_FOLDER_PATH = 1_000;
    // The columns hold the ciphertext: the UTF-8 bytes plus Tink's 5-byte prefix, 12-byte nonce and 16-byte tag.
    static final int MAX_XRAY_BYTES = 1_024 - 64;
    static final int MAX_ZEPHYR_BYTES = 4_096 - 64;

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
        requireFolder(zephyrFolder);
    }

    private static void requireFolder(@Nullable String folder) {
        if (folder == null || folder.isBlank()) {
            return;
        }
        if (folder.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidSettingsException("the Zephyr folder is a name or a path on one line");
        }
        String path = folderPath(folder);
        if (path == null) {
            throw new InvalidSettingsException("the Zephyr folder names no folder");
        }
        if (path.length() > MAX_FOLDER_PATH) {
            throw new InvalidSettingsException(
                    "the Zephyr folder's path has at most " + MAX_FOLDER_PATH + " characters");
        }
        for (String name : path.split("/")) {
            if (name.length() > MAX_FOLDER_NAME) {
                throw new InvalidSettingsException(
                        "a Zephyr folder's name has at most " + MAX_FOLDER_NAME + " characters");
            }
        }
    }

    /**
     * A folder name or path as stored: each name trimmed, empty ones (a leading or doubled
     * {@code /}) dropped; null when that leaves nothing.
     */
    static @Nullable String folderPath(String folder) {
        String path = Arrays.stream(folder.split("/"))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.joining("/"));
        return path.isEmpty() ? null : path;
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
                + ", jiraTestLinkType=" + jiraTestLinkType + ", zephyrFolder=" + zephyrFolder + "]";
    }

    private static String shown(@Nullable String secret) {
        return secret == null ? "unchanged" : secret.isBlank() ? "removed" : "<new>";
    }
}
