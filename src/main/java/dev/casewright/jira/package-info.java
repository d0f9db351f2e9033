/**
 * Typed Jira Cloud REST v3 client over {@code tenancy.ProductApi}, ADF to Markdown for prompts
 * ({@link dev.casewright.jira.AdfToMarkdown}) and Gherkin to ADF for what we write
 * ({@link dev.casewright.jira.AdfDocuments}). Knows Jira's shapes and limits; knows nothing about
 * prompts, models or publishing targets.
 */
@ApplicationModule(allowedDependencies = "tenancy")
@NullMarked
package dev.casewright.jira;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
