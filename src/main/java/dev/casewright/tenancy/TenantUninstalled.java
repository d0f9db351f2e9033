package dev.casewright.tenancy;

/**
 * A site uninstalled the app. Its credentials are already gone; listeners drop anything derived
 * from them (cached tokens). Its remaining data is deleted after the retention period unless it
 * reinstalls ({@link TenantDataExpired}).
 */
public record TenantUninstalled(TenantId tenant) {}
