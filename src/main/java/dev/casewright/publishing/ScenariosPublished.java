package dev.casewright.publishing;

import dev.casewright.tenancy.TenantId;

/** Scenarios went to a target for one story. Counts only: no key, no title, no text. */
public record ScenariosPublished(TenantId tenant, String target, int created, int updated, int unchanged, int failed) {}
