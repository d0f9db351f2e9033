package dev.casewright.publishing;

import org.jspecify.annotations.Nullable;

/**
 * A test a target holds for a scenario.
 *
 * @param key the key users know it by ({@code SHOP-42} for Jira and Xray, {@code SHOP-T7} for Zephyr)
 * @param url where a user opens it
 * @param targetId the target's own id when it differs from the key (Xray's issue id), else null
 */
public record PublishedTest(
        String key, String url, @Nullable String targetId) {}
