/**
 * Per-tenant configuration: the model provider, model, base URL and API key (encrypted, write-only:
 * never returned), the publishing targets' credentials (Xray client id and secret, Zephyr API
 * token; encrypted the same way, handed out only through {@link
 * dev.casewright.settings.TenantSettings#targetCredentials}), the publishing options (the
 * names of the Jira test issue type and test link type, the Zephyr folder), the administrator's prompt
 * instructions, masking and the monthly token budget.
 * Served to Jira administrators at {@code /api/settings}. Secrets go at uninstall, the rest when
 * the tenant's data expires.
 */
@ApplicationModule(allowedDependencies = {"tenancy", "crypto"})
@NullMarked
package dev.casewright.settings;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
