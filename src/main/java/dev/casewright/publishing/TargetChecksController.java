package dev.casewright.publishing;

import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.JiraAdministrators;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/settings/checks/xray} and {@code …/zephyr}, for Jira administrators: one cheap
 * real call with the stored credentials, so a wrong key shows on the settings page and not at the
 * first publication. Lives here rather than in {@code settings}, which must not know the targets.
 * A refusal is a problem from {@link PublishingProblemAdvice}.
 */
@RestController
class TargetChecksController {

    /** The answer when the target accepted the credentials. */
    record CheckResult(String target, boolean ok) {}

    private final Map<String, TargetCredentialsCheck> checks;
    private final JiraAdministrators administrators;

    TargetChecksController(List<TargetCredentialsCheck> checks, JiraAdministrators administrators) {
        this.checks = checks.stream().collect(Collectors.toUnmodifiableMap(TargetCredentialsCheck::target, c -> c));
        this.administrators = administrators;
    }

    @PostMapping("/api/settings/checks/xray")
    CheckResult xray(@AuthenticationPrincipal HostUser caller) {
        return check(caller, "xray");
    }

    @PostMapping("/api/settings/checks/zephyr")
    CheckResult zephyr(@AuthenticationPrincipal HostUser caller) {
        return check(caller, "zephyr");
    }

    private CheckResult check(HostUser caller, String target) {
        administrators.require(caller, "check the publishing targets' credentials");
        TargetCredentialsCheck check = checks.get(target);
        if (check == null) {
            throw new IllegalStateException("no credentials check for " + target);
        }
        check.verify(caller.tenant());
        return new CheckResult(target, true);
    }
}
