package dev.casewright.tenancy;

import java.util.UUID;

/**
 * Our own identifier of a tenant (a random UUID). It does not change when a site moves from Connect
 * to Forge or is re-installed, unlike Connect's {@code clientKey} or Forge's {@code installationId}.
 */
public record TenantId(String value) {

    public TenantId {
        try {
            value = UUID.fromString(value).toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a tenant id is a UUID");
        }
    }

    static TenantId random() {
        return new TenantId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
