package dev.casewright.connect;

import org.jspecify.annotations.Nullable;

/** The JSON body of Connect lifecycle callbacks (connect-protocol.md section 2). */
record LifecycleEvent(
        @Nullable String key,
        @Nullable String clientKey,
        @Nullable String sharedSecret,
        @Nullable String baseUrl,
        @Nullable String displayUrl,
        @Nullable String productType,
        @Nullable String eventType,
        @Nullable String oauthClientId,
        @Nullable String entitlementId,
        @Nullable String entitlementNumber,
        @Nullable String installationId,
        @Nullable String cloudId) {}
