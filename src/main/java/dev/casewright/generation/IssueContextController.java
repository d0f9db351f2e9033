package dev.casewright.generation;

import dev.casewright.tenancy.HostUser;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/issues/{issueKey}/context}: what would leave Jira, before anything does. */
@RestController
class IssueContextController {

    private final IssueContextCollector collector;

    private final GenerationRuns runs;

    IssueContextController(IssueContextCollector collector, GenerationRuns runs) {
        this.collector = collector;
        this.runs = runs;
    }

    /**
     * @param attachmentIds comma-separated attachment ids to include; absent means all
     */
    @GetMapping("/api/issues/{issueKey}/context")
    IssueContext context(
            @AuthenticationPrincipal HostUser caller,
            @PathVariable String issueKey,
            @RequestParam(required = false) @Nullable String attachmentIds) {
        InvalidIssueKeyException.check(issueKey);
        if (!caller.hasUser()) {
            // Reading as the user is the point: without one, Jira's permissions would not apply.
            throw new UserRequiredException();
        }
        // Masked as the next generation would send it: the site's administrator may have turned masking off.
        return collector
                .collectForModel(caller, issueKey, ids(attachmentIds), null, runs.masks(caller))
                .context();
    }

    private static @Nullable Set<String> ids(@Nullable String attachmentIds) {
        if (attachmentIds == null) {
            return null;
        }
        Set<String> ids = new LinkedHashSet<>();
        Arrays.stream(attachmentIds.split(","))
                .map(String::strip)
                .filter(id -> !id.isEmpty())
                .forEach(ids::add);
        return ids;
    }
}
