/**
 * The use case: gather an issue's context as the user who asked (fields, acceptance criteria,
 * chosen attachments), and — with the next issues — prompt the model, validate and repair the
 * scenarios. Owns {@code /api/issues/{issueKey}/context} and {@code /generations}. Content lives in
 * memory for one request: nothing here is persisted or logged but counts.
 */
@ApplicationModule(allowedDependencies = {"tenancy", "jira", "extraction", "gherkin", "settings", "usage"})
@NullMarked
package dev.casewright.generation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
