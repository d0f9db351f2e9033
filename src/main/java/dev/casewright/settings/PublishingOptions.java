package dev.casewright.settings;

import org.jspecify.annotations.Nullable;

/**
 * How a tenant's administrator wants tests published to Jira. Names, never ids: the publishing
 * target resolves them against what the site offers at run time.
 *
 * @param jiraTestIssueType the issue type tests are created as; null for the automatic choice
 * @param jiraTestLinkType the issue link type that links a test to its story; null for the
 *     automatic choice
 */
public record PublishingOptions(
        @Nullable String jiraTestIssueType, @Nullable String jiraTestLinkType) {

    static final PublishingOptions AUTOMATIC = new PublishingOptions(null, null);
}
