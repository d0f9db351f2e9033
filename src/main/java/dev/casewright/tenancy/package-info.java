/**
 * The platform-neutral view of who is calling: {@link dev.casewright.tenancy.TenantId},
 * {@link dev.casewright.tenancy.Tenant} and the {@link dev.casewright.tenancy.Tenants} registry.
 * The Connect adapter and, later, the Forge Remote adapter register tenants here; every other
 * module sees only these types, never a JWT, a shared secret or an installation token.
 *
 * <p>Stores the {@code tenant} table; its secrets are encrypted with {@code crypto}, bound to the
 * tenant id.
 */
@ApplicationModule(allowedDependencies = "crypto")
@NullMarked
package dev.casewright.tenancy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
