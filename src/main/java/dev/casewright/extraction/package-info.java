/**
 * Turns attachment bytes into text (Apache Tika) or into images for vision models, under size, time,
 * character and embedding-depth limits. The declared type is a hint; the content decides.
 *
 * <p>Never logs or persists attachment content: bytes live only in a private temporary directory
 * that is deleted as soon as the extraction ends, and logs name attachments by id, size and type.
 * Knows nothing about Jira, tenants or models.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.casewright.extraction;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
