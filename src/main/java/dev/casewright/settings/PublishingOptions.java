package dev.casewright.settings;

import org.jspecify.annotations.Nullable;

/**
 * How a tenant's administrator wants tests published. Names, never ids: the publishing targets
 * resolve them against what the site (or Zephyr's project) offers at run time.
 *
 * @param jiraTestIssueType the issue type tests are created as; null for the automatic choice
 * @param jiraTestLinkType the issue link type that links a test to its story; null for the
 *     automatic choice
 * @param zephyrFolder the Zephyr Scale test case folder new test cases go in, a name or a path of
 *     names separated by {@code /} ({@code Regression/Checkout}); null for none (Zephyr's root)
 */
public record PublishingOptions(
        @Nullable String jiraTestIssueType,
        @Nullable String jiraTestLinkType,
        @Nullable String zephyrFolder) {

    static final PublishingOptions AUTOMATIC = new PublishingOptions(null, null, null);
}
