package dev.casewright.generation;

import java.util.regex.Pattern;

/** The path named something that cannot be a Jira issue key; nothing was asked of Jira. */
class InvalidIssueKeyException extends RuntimeException {

    // Project keys start with a letter; Jira also accepts lower case in URLs and answers with the real key.
    private static final Pattern ISSUE_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,49}-[1-9][0-9]{0,9}");

    InvalidIssueKeyException() {
        super("An issue key looks like SHOP-42.");
    }

    static String check(String issueKey) {
        if (!ISSUE_KEY.matcher(issueKey).matches()) {
            throw new InvalidIssueKeyException();
        }
        return issueKey;
    }
}
