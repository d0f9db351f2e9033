/**
 * The Gherkin kernel: the {@link dev.casewright.gherkin.Feature}, {@link dev.casewright.gherkin.Scenario}
 * and {@link dev.casewright.gherkin.Step} value types, and parsing, validating, writing and fingerprinting
 * {@code .feature} text with the official Cucumber parser and its dialects.
 *
 * <p>Pure functions over text and values: no Spring beans, no I/O, no knowledge of Jira, models or
 * publishing targets. Model output reaches this module as untrusted text, so every check reports an
 * error with a line number instead of throwing.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.casewright.gherkin;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
