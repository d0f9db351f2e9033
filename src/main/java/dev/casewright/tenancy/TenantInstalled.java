package dev.casewright.tenancy;

/** A site installed the app, or installed it again (its credentials may have changed). */
public record TenantInstalled(TenantId tenant) {}
