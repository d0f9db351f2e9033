/**
 * The Atlassian Connect adapter: serves the app descriptor with its placeholders filled from
 * configuration, and obtains OAuth tokens to act as a tenant's users (user impersonation). Later
 * issues add the lifecycle callbacks, inbound JWT verification and outbound signing here.
 * Everything Connect-specific stays in this module; other modules see only {@code tenancy} types,
 * so the Forge Remote adapter can serve the same core.
 */
@ApplicationModule(allowedDependencies = {"tenancy", "crypto", "operations"})
@NullMarked
package dev.casewright.connect;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
