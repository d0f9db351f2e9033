package dev.casewright.publishing.jira;

import dev.casewright.jira.CreatedIssue;
import dev.casewright.jira.IssueLinkType;
import dev.casewright.jira.IssueType;
import dev.casewright.jira.JiraException;
import dev.casewright.jira.JiraIssue;
import dev.casewright.jira.JiraIssues;
import dev.casewright.jira.SearchPage;
import dev.casewright.publishing.ExistingTest;
import dev.casewright.publishing.PublishedTest;
import dev.casewright.publishing.PublishingTarget;
import dev.casewright.publishing.ScenarioToPublish;
import dev.casewright.publishing.Story;
import dev.casewright.publishing.TargetException;
import dev.casewright.publishing.TargetException.Kind;
import dev.casewright.settings.PublishingOptions;
import dev.casewright.settings.TenantSettings;
import dev.casewright.tenancy.HostUser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Tests as Jira issues: one issue per scenario, of the project's "Test" type when it has one,
 * else a sub-task type (under the story), else "Task" — found through createmeta, never by
 * hard-coded ids — linked to the story with the site's "Tests" link type (else "Relates") so
 * that Jira reads "SHOP-42 tests SHOP-12". An administrator can name the issue type and the link
 * type in the settings instead; those names are resolved the same way, at run time, and a name
 * the site does not offer is refused with that name rather than replaced by another type.
 */
@Component
class JiraTarget implements PublishingTarget {

    static final String NAME = "jira";
    static final String TEST_PROPERTY = "casewright.test";

    private static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED = 1_000;
    private static final int MAX_SEARCH_PAGES = 10;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JiraIssues jira;
    private final TenantSettings settings;
    private final Clock clock;
    // Issue and link types change rarely; looking them up once per scenario would double the calls.
    private final Map<String, Remembered<IssueType>> issueTypes = new ConcurrentHashMap<>();
    private final Map<String, Remembered<IssueLinkType>> linkTypes = new ConcurrentHashMap<>();

    JiraTarget(JiraIssues jira, TenantSettings settings) {
        this.jira = jira;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    private record Remembered<T>(T value, Instant until) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ExistingTest> existingTests(HostUser user, Story story) {
        return translated(false, () -> {
            IssueLinkType type = linkType(user);
            JiraIssue issue = jira.issue(user, story.key());
            boolean dedicatedType = !isRelates(type);
            Set<String> linked = new LinkedHashSet<>();
            for (JiraIssue.LinkedIssue link : issue.links()) {
                // From the story's side, "TEST tests STORY" shows the test with the inward phrase.
                if (link.type().equalsIgnoreCase(type.name()) && link.phrase().equalsIgnoreCase(type.inward())) {
                    linked.add(link.issue().key());
                }
            }
            String jql = "(project = \"" + story.projectKey() + "\" AND labels = \""
                    + TestIssueContent.storyLabel(story) + "\")"
                    + (linked.isEmpty() ? "" : " OR key in (" + String.join(",", linked) + ")")
                    + " ORDER BY created ASC";
            List<ExistingTest> tests = new ArrayList<>();
            String token = null;
            for (int page = 0; page < MAX_SEARCH_PAGES; page++) {
                SearchPage found =
                        jira.search(user, jql, List.of("summary", "description", "labels"), token, List.of());
                for (JsonNode candidate : found.issues()) {
                    String key = candidate.path("key").asString("");
                    JsonNode fields = candidate.path("fields");
                    boolean ours = hasLabel(fields, TestIssueContent.MARKER_LABEL);
                    // With "Relates" every related issue would look like a test: only ours count then.
                    boolean counts = ours || (dedicatedType && linked.contains(key));
                    if (!key.isEmpty() && counts) {
                        tests.add(new ExistingTest(
                                key,
                                fields.path("summary").asString(""),
                                TestIssueContent.gherkinOf(fields.path("description")),
                                browse(story, key)));
                    }
                }
                if (found.isLast()) {
                    break;
                }
                token = found.nextPageToken();
            }
            return tests;
        });
    }

    @Override
    public PublishedTest create(HostUser user, Story story, ScenarioToPublish scenario) {
        IssueType type = translated(false, () -> issueType(user, story));
        IssueLinkType link = translated(false, () -> linkType(user));
        TestIssueContent.Content content = TestIssueContent.of(story, scenario);
        var fields = content.fields();
        fields.putObject("project").put("key", story.projectKey());
        fields.putObject("issuetype").put("id", type.id());
        if (type.subtask()) {
            fields.putObject("parent").put("key", story.key());
        }
        var marker = NODES.objectNode().put("story", story.key()).put("scenario", scenario.id());
        CreatedIssue created = translated(true, () -> jira.createIssue(user, fields, Map.of(TEST_PROPERTY, marker)));
        try {
            linkAndAttach(user, story, scenario, created.key(), link, content);
        } catch (TargetException e) {
            // The issue exists but is not finished. Reported as an unknown outcome, whatever the
            // cause (a rate limit included), so that the publisher records it as pending, finds it
            // again by its story label and finishes it instead of creating another one.
            throw new TargetException(
                    NAME,
                    Kind.OUTCOME_UNKNOWN,
                    "Test " + created.key() + " was created but could not be linked to " + story.key() + ": "
                            + e.getMessage(),
                    e.retryAfter(),
                    e);
        }
        return new PublishedTest(created.key(), browse(story, created.key()), created.id());
    }

    @Override
    public PublishedTest update(HostUser user, Story story, ScenarioToPublish scenario, PublishedTest existing) {
        IssueLinkType link = translated(false, () -> linkType(user));
        TestIssueContent.Content content = TestIssueContent.of(story, scenario);
        try {
            translated(false, () -> {
                // Labels are added, not set: people label tests too, and an update must keep theirs.
                var fields = content.fields().deepCopy();
                var labels = fields.remove("labels");
                var update = NODES.objectNode();
                var operations = update.putArray("labels");
                if (labels != null) {
                    labels.forEach(label -> operations.addObject().put("add", label.asString()));
                }
                jira.updateIssue(user, existing.key(), fields, update);
                return null;
            });
        } catch (TargetException e) {
            if (e.getCause() instanceof JiraException.IssueNotFound) {
                // Someone deleted the test (or hid it from this user): publish the scenario anew.
                return create(user, story, scenario);
            }
            throw e;
        }
        // Linking again is harmless (Jira reports a duplicate link as created) and repairs a test
        // whose link was never made or was removed.
        linkAndAttach(user, story, scenario, existing.key(), link, content);
        return new PublishedTest(existing.key(), browse(story, existing.key()), existing.targetId());
    }

    private void linkAndAttach(
            HostUser user,
            Story story,
            ScenarioToPublish scenario,
            String testKey,
            IssueLinkType link,
            TestIssueContent.Content content) {
        translated(false, () -> {
            jira.link(user, link.name(), testKey, story.key());
            String fileName = content.attachmentFileName();
            if (fileName != null) {
                jira.attach(
                        user,
                        testKey,
                        fileName,
                        scenario.feature().getBytes(StandardCharsets.UTF_8),
                        MediaType.TEXT_PLAIN);
            }
            return null;
        });
    }

    // --- what the site offers ----------------------------------------------------------------------

    private IssueType issueType(HostUser user, Story story) {
        String configured = settings.publishingOptions(user.tenant()).jiraTestIssueType();
        String cacheKey =
                user.tenant().value() + "/" + story.projectKey() + "/" + (configured == null ? "" : configured);
        return remembered(issueTypes, cacheKey, () -> {
            List<IssueType> types = jira.issueTypes(user, story.projectKey());
            if (configured != null) {
                return named(types, IssueType::name, configured)
                        .orElseThrow(() -> new TargetException(
                                NAME,
                                Kind.REJECTED,
                                "Project " + story.projectKey() + " offers no issue type named \"" + configured
                                        + "\" to you, the type Casewright's settings name for tests. An administrator"
                                        + " can name another type or clear the setting for the automatic choice."));
            }
            return chooseIssueType(types)
                    .orElseThrow(() -> new TargetException(
                            NAME,
                            Kind.REJECTED,
                            "Project " + story.projectKey()
                                    + " offers no issue type for tests (Test, a sub-task type or Task) to you."));
        });
    }

    /** The type of that name, ignoring case and surrounding spaces, as Jira's own pickers do. */
    static <T> Optional<T> named(List<T> types, Function<T, String> name, String wanted) {
        String normalised = wanted.strip();
        return types.stream()
                .filter(type -> name.apply(type).strip().equalsIgnoreCase(normalised))
                .findFirst();
    }

    /** "Test" when the project has it, else a sub-task type ("Sub-task" first), else "Task". */
    static Optional<IssueType> chooseIssueType(List<IssueType> types) {
        Optional<IssueType> test = types.stream()
                .filter(type -> type.name().equalsIgnoreCase("Test"))
                .findFirst();
        if (test.isPresent()) {
            return test;
        }
        Optional<IssueType> subtask = types.stream()
                .filter(IssueType::subtask)
                .sorted((a, b) -> Boolean.compare(!isSubTaskName(a), !isSubTaskName(b)))
                .findFirst();
        if (subtask.isPresent()) {
            return subtask;
        }
        return types.stream()
                .filter(type -> type.name().equalsIgnoreCase("Task"))
                .findFirst();
    }

    private static boolean isSubTaskName(IssueType type) {
        String name = type.name().toLowerCase(Locale.ROOT).replace("-", "");
        return name.equals("subtask");
    }

    private IssueLinkType linkType(HostUser user) {
        PublishingOptions options = settings.publishingOptions(user.tenant());
        String configured = options.jiraTestLinkType();
        if (configured != null) {
            return remembered(
                    linkTypes,
                    user.tenant().value() + "/" + configured,
                    () -> named(jira.linkTypes(user), IssueLinkType::name, configured)
                            .orElseThrow(() -> new TargetException(
                                    NAME,
                                    Kind.REJECTED,
                                    "This Jira site has no issue link type named \"" + configured
                                            + "\", the type Casewright's settings name for linking tests to"
                                            + " stories. An administrator can name another type or clear the"
                                            + " setting for the automatic choice.")));
        }
        return remembered(
                linkTypes,
                user.tenant().value() + "/",
                () -> chooseLinkType(jira.linkTypes(user))
                        .orElseThrow(() -> new TargetException(
                                NAME,
                                Kind.REJECTED,
                                "This Jira site has neither a \"Tests\" nor a \"Relates\" issue link type,"
                                        + " or issue linking is off.")));
    }

    /** A type named "Tests" or whose outward phrase is "tests"; else "Relates". */
    static Optional<IssueLinkType> chooseLinkType(List<IssueLinkType> types) {
        Optional<IssueLinkType> tests = types.stream()
                .filter(type -> type.name().equalsIgnoreCase("Tests"))
                .findFirst()
                .or(() -> types.stream()
                        .filter(type -> type.outward().strip().equalsIgnoreCase("tests"))
                        .findFirst());
        return tests.or(() -> types.stream().filter(JiraTarget::isRelates).findFirst());
    }

    private static boolean isRelates(IssueLinkType type) {
        return type.name().equalsIgnoreCase("Relates")
                || (type.outward().strip().equalsIgnoreCase("relates to")
                        && !type.name().equalsIgnoreCase("Tests"));
    }

    private <T> T remembered(Map<String, Remembered<T>> cache, String key, Supplier<T> lookup) {
        Instant now = clock.instant();
        Remembered<T> known = cache.get(key);
        if (known != null && known.until().isAfter(now)) {
            return known.value();
        }
        T value = lookup.get();
        if (cache.size() >= MAX_REMEMBERED) {
            cache.clear();
        }
        cache.put(key, new Remembered<>(value, now.plus(REMEMBERED_FOR)));
        return value;
    }

    private static boolean hasLabel(JsonNode fields, String label) {
        for (JsonNode candidate : fields.path("labels")) {
            if (label.equalsIgnoreCase(candidate.asString(""))) {
                return true;
            }
        }
        return false;
    }

    private static String browse(Story story, String key) {
        String site = story.site().toString();
        return (site.endsWith("/") ? site : site + "/") + "browse/" + key;
    }

    // --- Jira's failures as the SPI's ----------------------------------------------------------------

    /**
     * Runs Jira calls and says what went wrong in the SPI's terms.
     *
     * @param create whether the call creates something: only then is a lost answer an unknown outcome
     */
    private static <T> T translated(boolean create, Supplier<T> calls) {
        try {
            return calls.get();
        } catch (JiraException e) {
            throw translate(e, create);
        }
    }

    static TargetException translate(JiraException e, boolean create) {
        String message = e.getMessage() == null ? "Jira failed." : e.getMessage();
        Kind kind;
        Duration retryAfter = null;
        if (e instanceof JiraException.PermissionDenied denied) {
            kind = denied.status() == 401 ? Kind.CREDENTIALS_REJECTED : Kind.PERMISSION_DENIED;
        } else if (e instanceof JiraException.RateLimited limited) {
            kind = Kind.RATE_LIMITED;
            retryAfter = limited.retryAfter();
        } else if (e instanceof JiraException.Rejected rejected) {
            kind = rejected.status() == 413 ? Kind.TOO_LARGE : Kind.REJECTED;
        } else if (e instanceof JiraException.AttachmentTooLarge) {
            kind = Kind.TOO_LARGE;
        } else if (e instanceof JiraException.Unavailable unavailable) {
            kind = create && unavailable.outcomeUnknown() ? Kind.OUTCOME_UNKNOWN : Kind.UNAVAILABLE;
        } else {
            kind = Kind.REJECTED;
        }
        return new TargetException(NAME, kind, message, retryAfter, e);
    }
}
