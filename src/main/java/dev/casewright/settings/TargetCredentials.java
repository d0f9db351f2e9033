package dev.casewright.settings;

import org.jspecify.annotations.Nullable;

/**
 * The publishing targets' credentials of one tenant, decrypted for the one call that needs them.
 * Lives for one request; {@link #toString()} never shows a value.
 *
 * @param xrayClientId the client id of the Xray Cloud API key, or null
 * @param xrayClientSecret the client secret of the Xray Cloud API key, or null
 * @param zephyrApiToken the Zephyr Scale API access token, or null
 */
public record TargetCredentials(
        @Nullable String xrayClientId,
        @Nullable String xrayClientSecret,
        @Nullable String zephyrApiToken) {

    static final TargetCredentials NONE = new TargetCredentials(null, null, null);

    /** Xray needs both halves of its API key. */
    public boolean xrayConfigured() {
        return xrayClientId != null && xrayClientSecret != null;
    }

    public boolean zephyrConfigured() {
        return zephyrApiToken != null;
    }

    @Override
    public String toString() {
        return "TargetCredentials[xray=" + (xrayConfigured() ? "<set>" : "none") + ", zephyr="
                + (zephyrConfigured() ? "<set>" : "none") + "]";
    }
}
