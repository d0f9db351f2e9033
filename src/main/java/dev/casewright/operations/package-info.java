/**
 * The HTTP edge shared by every module: the one security filter chain (public versus protected
 * routes, security headers, 401/403 as problem details), request ids in logs and responses,
 * problem details with stable types for framework and unexpected errors, and operator access to
 * metrics. Platform adapters ({@code connect}, later {@code forge}) plug their authentication in
 * through {@link dev.casewright.operations.HttpSecurityContribution}.
 *
 * <p>Holds no domain logic and knows no platform.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.casewright.operations;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
