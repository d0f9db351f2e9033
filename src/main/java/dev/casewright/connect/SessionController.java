package dev.casewright.connect;

import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.JiraAdministrators;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the pages need to know about the caller first: the site is licensed (the licence filter
 * has refused the request otherwise) and whether the user may configure the app, so the panel can
 * offer the configuration link.
 */
@RestController
class SessionController {

    record Session(String tenant, boolean user, boolean administrator) {}

    private final JiraAdministrators administrators;

    SessionController(JiraAdministrators administrators) {
        this.administrators = administrators;
    }

    @GetMapping("/api/session")
    Session session(@AuthenticationPrincipal HostUser caller) {
        return new Session(
                caller.tenant().value(), caller.hasUser(), caller.hasUser() && administrators.isAdministrator(caller));
    }
}
