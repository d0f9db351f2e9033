package dev.casewright.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientResponseException;

/**
 * Answers "is this user a Jira administrator?" by asking Jira as that user (global permission
 * {@code ADMINISTER}), so the answer is Jira's own and follows group changes within a minute.
 */
@Component
public class JiraAdministrators {

    private static final Duration REMEMBER_FOR = Duration.ofSeconds(60);
    private static final int REMEMBERED = 10_000;

    record PermissionCheck(List<String> globalPermissions) {}

    record PermissionGrants(@Nullable List<String> globalPermissions) {}

    private record Answer(boolean administrator, Instant until) {}

    private final ProductApi jira;
    private final Clock clock = Clock.systemUTC();
    private final Map<HostUser, Answer> answers = new ConcurrentHashMap<>();

    JiraAdministrators(ProductApi jira) {
        this.jira = jira;
    }

    /**
     * @param toDoWhat what only administrators may do, for the refusal: "configure Casewright"
     * @throws AdministratorRequiredException when the user is not a Jira administrator
     */
    public void require(HostUser user, String toDoWhat) {
        if (!isAdministrator(user)) {
            throw new AdministratorRequiredException(toDoWhat);
        }
    }

    public boolean isAdministrator(HostUser user) {
        if (!user.hasUser()) {
            return false;
        }
        Instant now = clock.instant();
        Answer known = answers.get(user);
        if (known != null && known.until().isAfter(now)) {
            return known.administrator();
        }
        boolean administrator = ask(user);
        if (answers.size() >= REMEMBERED) {
            answers.clear();
        }
        answers.put(user, new Answer(administrator, now.plus(REMEMBER_FOR)));
        return administrator;
    }

    private boolean ask(HostUser user) {
        try {
            PermissionGrants grants = jira.asUser(user)
                    .post()
                    .uri("/rest/api/3/permissions/check")
                    .body(new PermissionCheck(List.of("ADMINISTER")))
                    .retrieve()
                    .body(PermissionGrants.class);
            return grants != null
                    && grants.globalPermissions() != null
                    && grants.globalPermissions().contains("ADMINISTER");
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().is4xxClientError()) {
                return false; // Jira says no (or the user cannot even ask): not an administrator
            }
            throw e;
        }
    }
}
