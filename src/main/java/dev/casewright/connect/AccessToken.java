package dev.casewright.connect;

import java.time.Instant;
import java.util.Objects;

/**
 * An OAuth 2.0 access token that acts as one Atlassian user on one site; sent to the product as
 * {@code Authorization: Bearer <value>}.
 *
 * @param value the token itself; {@link #toString()} never shows it, so logging the record is safe
 * @param expiresAt when Atlassian stops accepting it
 */
record AccessToken(String value, Instant expiresAt) {

    AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    String authorizationHeader() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "AccessToken[value=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
