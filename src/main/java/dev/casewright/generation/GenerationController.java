package dev.casewright.generation;

import dev.casewright.tenancy.HostUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The generation steps the panel calls; the one-shot and streamed generation come next. */
@RestController
class GenerationController {

    private final ScenarioPlanner planner;

    GenerationController(ScenarioPlanner planner) {
        this.planner = planner;
    }

    @PostMapping("/api/issues/{issueKey}/generations/plan")
    GenerationPlan plan(
            @AuthenticationPrincipal HostUser caller,
            @PathVariable String issueKey,
            @RequestBody(required = false) GenerationRequest request) {
        InvalidIssueKeyException.check(issueKey);
        if (!caller.hasUser()) {
            throw new UserRequiredException();
        }
        return planner.plan(
                caller, issueKey, request == null ? new GenerationRequest(null, null, null, null, null) : request);
    }
}
