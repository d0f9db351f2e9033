/**
 * Token-usage and outcome metadata: one row per model call or publication (counts, provider,
 * model, duration, outcome — never text), totals for Jira administrators, retention, and deletion
 * when a tenant's data expires. A failure to record must never fail the user's work.
 */
@ApplicationModule(allowedDependencies = "tenancy")
@NullMarked
package dev.casewright.usage;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
