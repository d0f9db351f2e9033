package dev.casewright.tenancy;

public enum TenantState {
    /** Installed and enabled: may call us. */
    INSTALLED,
    /** Installed but disabled by a site admin: keeps its data, gets no service. */
    DISABLED,
    /** Uninstalled: credentials are gone, the rest is deleted after the retention period. */
    UNINSTALLED
}
