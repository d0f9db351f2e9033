package dev.casewright.publishing;

import dev.casewright.tenancy.HostUser;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Publishing kept scenarios from the issue panel, and the tests a story already has. */
@RestController
class PublicationsController {

    private final Publisher publisher;

    PublicationsController(Publisher publisher) {
        this.publisher = publisher;
    }

    @PostMapping("/api/issues/{issueKey}/publications")
    PublicationResult publish(
            @AuthenticationPrincipal HostUser caller,
            @PathVariable String issueKey,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
            @RequestBody(required = false) @Nullable PublicationRequest request) {
        checkCaller(caller, issueKey);
        if (request == null) {
            throw PublicationRefusedException.invalid("Send the scenarios to publish as JSON.");
        }
        return publisher.publish(caller, issueKey, request, idempotencyKey);
    }

    @GetMapping("/api/issues/{issueKey}/tests")
    List<ExistingTest> tests(
            @AuthenticationPrincipal HostUser caller,
            @PathVariable String issueKey,
            @RequestParam(defaultValue = "jira") String target) {
        checkCaller(caller, issueKey);
        return publisher.existingTests(caller, issueKey, target);
    }

    private static void checkCaller(HostUser caller, String issueKey) {
        PublicationRefusedException.checkIssueKey(issueKey);
        if (!caller.hasUser()) {
            throw PublicationRefusedException.userRequired();
        }
    }
}
