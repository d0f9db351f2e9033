package dev.casewright.publishing;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A publication request refused before anything was written anywhere, with the problem type
 * ({@code /problems/<type>}) and a detail safe to show.
 */
class PublicationRefusedException extends RuntimeException {

    // Project keys start with a letter; Jira also accepts lower case in URLs and answers with the real key.
    private static final Pattern ISSUE_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,49}-[1-9][0-9]{0,9}");

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final List<String> errors;
    private final String scenarioId;

    PublicationRefusedException(HttpStatus status, String type, String title, String detail) {
        this(status, type, title, detail, null, List.of());
    }

    PublicationRefusedException(
            HttpStatus status,
            String type,
            String title,
            String detail,
            @Nullable String scenarioId,
            List<String> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.scenarioId = scenarioId == null ? "" : scenarioId;
        this.errors = List.copyOf(errors);
    }

    static PublicationRefusedException invalid(String detail) {
        return new PublicationRefusedException(
                HttpStatus.BAD_REQUEST, "invalid-publication", "Invalid publication request", detail);
    }

    static String checkIssueKey(String issueKey) {
        if (!ISSUE_KEY.matcher(issueKey).matches()) {
            throw new PublicationRefusedException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-issue-key",
                    "Not an issue key",
                    "An issue key looks like SHOP-42.");
        }
        return issueKey;
    }

    static PublicationRefusedException userRequired() {
        return new PublicationRefusedException(
                HttpStatus.FORBIDDEN,
                "user-required",
                "A Jira user is needed",
                "Open Casewright from an issue in Jira: tests are published with your own permissions.");
    }

    HttpStatus status() {
        return status;
    }

    String type() {
        return type;
    }

    String title() {
        return title;
    }

    String scenarioId() {
        return scenarioId;
    }

    List<String> errors() {
        return errors;
    }
}
