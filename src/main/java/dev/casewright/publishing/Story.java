package dev.casewright.publishing;

import java.net.URI;

/**
 * The Jira issue the tests are for.
 *
 * @param key the issue key, {@code SHOP-12}
 * @param id the numeric issue id as Jira returns it (Zephyr links by it)
 * @param projectKey the key of the project
 * @param projectId the numeric id of the project
 * @param site the Jira site's base URL, for browse links ({@code <site>/browse/<key>})
 */
public record Story(String key, String id, String projectKey, String projectId, URI site) {}
