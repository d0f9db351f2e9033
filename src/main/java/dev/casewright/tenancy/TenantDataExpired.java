package dev.casewright.tenancy;

/**
 * The retention period after an uninstall has passed: every module deletes what it keeps for this
 * tenant. Published inside the transaction that deletes the tenant row, so listeners that delete
 * synchronously ({@code @EventListener}) commit or roll back with it.
 */
public record TenantDataExpired(TenantId tenant) {}
