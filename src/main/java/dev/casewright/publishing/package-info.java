/**
 * Publishing kept scenarios to where the team manages tests: Jira issues, Xray Cloud or Zephyr
 * Scale Cloud. One SPI ({@link dev.casewright.publishing.PublishingTarget}) with one sub-package
 * per target; idempotency through a Jira issue entity property on the story (never our
 * database), so a retry or a second click updates instead of duplicating.
 */
@ApplicationModule(allowedDependencies = {"tenancy", "jira", "gherkin", "settings", "usage", "crypto"})
@NullMarked
package dev.casewright.publishing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
