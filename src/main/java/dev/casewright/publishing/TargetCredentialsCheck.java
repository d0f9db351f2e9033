package dev.casewright.publishing;

import dev.casewright.tenancy.TenantId;

/**
 * Verifies a target's stored credentials with one cheap real call, for
 * {@code POST /api/settings/checks/{target}}. Implemented by the targets that have credentials of
 * their own (Xray, Zephyr); Jira needs none beyond the installation.
 */
public interface TargetCredentialsCheck {

    /** The target's name, as {@link PublishingTarget#name()}. */
    String target();

    /**
     * Returns when the target accepted the credentials.
     *
     * @throws TargetException saying why not ({@link TargetException.Kind#NOT_CONFIGURED} when there are none)
     */
    void verify(TenantId tenant);
}
