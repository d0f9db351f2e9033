package dev.casewright.publishing.xray;

import dev.casewright.jira.IssueLinkType;
import dev.casewright.jira.JiraException;
import dev.casewright.jira.JiraIssues;
import dev.casewright.publishing.ExistingTest;
import dev.casewright.publishing.PublishedTest;
import dev.casewright.publishing.PublishingTarget;
import dev.casewright.publishing.ScenarioToPublish;
import dev.casewright.publishing.Story;
import dev.casewright.publishing.TargetCredentialsCheck;
import dev.casewright.publishing.TargetException;
import dev.casewright.publishing.TargetException.Kind;
import dev.casewright.publishing.targets.ScenarioSteps;
import dev.casewright.publishing.targets.TargetHttp;
import dev.casewright.publishing.targets.TargetHttp.Call;
import dev.casewright.settings.TargetCredentials;
import dev.casewright.settings.TenantSettings;
import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.ProductApi;
import dev.casewright.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Xray Cloud as a publishing target: one Cucumber test per scenario, created through GraphQL with
 * its steps as the Gherkin definition, and linked to the story with the site's "tests" link type
 * so that Xray counts it as the story's coverage (ADR 0007). Tests are Jira issues, so their keys
 * and browse links are Jira's.
 */
@Component
class XrayTarget implements PublishingTarget, TargetCredentialsCheck {

    static final String NAME = "xray";
    private static final int SUMMARY_LIMIT = 255;
    private static final Duration LINK_TYPES_FOR = Duration.ofMinutes(10);
    private static final Pattern ISSUE_KEY = Pattern.compile("[A-Z][A-Z0-9_]*-[1-9][0-9]*");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String CREATE_TEST = """
            mutation($gherkin: String!, $jira: JSON!) {
              createTest(testType: {name: "Cucumber"}, gherkin: $gherkin, jira: $jira) {
                test { issueId jira(fields: ["key"]) }
                warnings
              }
            }""";
    private static final String UPDATE_GHERKIN = """
            mutation($issueId: String!, $gherkin: String!) {
              updateGherkinTestDefinition(issueId: $issueId, gherkin: $gherkin) { issueId }
            }""";
    private static final String DELETE_TEST = """
            mutation($issueId: String!) { deleteTest(issueId: $issueId) }""";
    private static final String TEST_BY_KEY = """
            query($jql: String!) {
              getTests(jql: $jql, limit: 1) { results { issueId jira(fields: ["key", "summary"]) } }
            }""";
    // The tests covering the story, and those we labelled for it: a create that timed out may have
    // left a test behind before its link was made, and the publisher must find it before retrying.
    private static final String TESTS_OF_STORY = """
            query($issueId: String!, $jql: String!) {
              getCoverableIssue(issueId: $issueId) {
                tests(limit: 100) {
                  results { issueId gherkin testType { name kind } jira(fields: ["key", "summary"]) }
                }
              }
              getTests(jql: $jql, limit: 100) {
                results { issueId gherkin testType { name kind } jira(fields: ["key", "summary"]) }
              }
            }""";

    private record LinkType(String name, Instant until) {}

    private final TenantSettings settings;
    private final JiraIssues jira;
    private final ProductApi sites;
    private final TargetHttp http = new TargetHttp(NAME, "Xray");
    private final TargetHttp jiraHttp = new TargetHttp(NAME, "Jira");
    private final XrayTokens tokens;
    private final XrayGraphQl graphQl;
    private final Clock clock = Clock.systemUTC();
    private final Map<TenantId, LinkType> linkTypes = new ConcurrentHashMap<>();

    XrayTarget(
            TenantSettings settings,
            JiraIssues jira,
            ProductApi sites,
            XrayProperties properties,
            RestClient.Builder clients,
            JsonMapper json) {
        this.settings = settings;
        this.jira = jira;
        this.sites = sites;
        RestClient xray =
                TargetHttp.client(clients, properties.base(), properties.connectTimeout(), properties.readTimeout());
        this.tokens = new XrayTokens(xray, http, properties, json, clock);
        this.graphQl = new XrayGraphQl(xray, http, tokens);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String target() {
        return NAME;
    }

    @Override
    public void verify(TenantId tenant) {
        tokens.fresh(tenant, credentials(tenant));
    }

    @Override
    public List<ExistingTest> existingTests(HostUser user, Story story) {
        TargetCredentials credentials = credentials(user.tenant());
        if (!ISSUE_KEY.matcher(story.key()).matches()) {
            throw http.rejected("list the tests of " + story.key() + ": that is not an issue key", null);
        }
        ObjectNode variables =
                NODES.objectNode().put("issueId", story.id()).put("jql", "labels = \"" + storyLabel(story) + "\"");
        JsonNode data = graphQl.run(
                user.tenant(), credentials, "list the tests of " + story.key(), Call.READ, TESTS_OF_STORY, variables);
        Map<String, ExistingTest> tests = new LinkedHashMap<>();
        List<JsonNode> results = new ArrayList<>();
        data.path("getCoverableIssue").path("tests").path("results").forEach(results::add);
        data.path("getTests").path("results").forEach(results::add);
        for (JsonNode test : results) {
            JsonNode type = test.path("testType");
            boolean cucumber = "gherkin".equalsIgnoreCase(type.path("kind").asString(""))
                    || "cucumber".equalsIgnoreCase(type.path("name").asString(""));
            String key = test.path("jira").path("key").asString("");
            if (cucumber && !key.isEmpty()) {
                tests.putIfAbsent(
                        key,
                        new ExistingTest(
                                key,
                                test.path("jira").path("summary").asString(""),
                                test.path("gherkin").asString(""),
                                browse(story, key)));
            }
        }
        return List.copyOf(tests.values());
    }

    /** The label that finds our tests for a story even before (or without) their coverage link. */
    static String storyLabel(Story story) {
        return "casewright-" + story.key();
    }

    @Override
    public PublishedTest create(HostUser user, Story story, ScenarioToPublish scenario) {
        TargetCredentials credentials = credentials(user.tenant());
        String linkType = coverageLinkType(user);
        ObjectNode fields = NODES.objectNode();
        fields.put("summary", ScenarioSteps.title(scenario, SUMMARY_LIMIT));
        fields.putObject("project").put("key", story.projectKey());
        var labels = fields.putArray("labels");
        ScenarioSteps.labels(scenario).forEach(labels::add);
        labels.add(storyLabel(story));
        ObjectNode variables = NODES.objectNode().put("gherkin", ScenarioSteps.of(scenario));
        variables.putObject("jira").set("fields", fields);

        JsonNode test = graphQl.run(
                        user.tenant(),
                        credentials,
                        "create a test for " + story.key(),
                        Call.WRITE,
                        CREATE_TEST,
                        variables)
                .path("createTest")
                .path("test");
        String issueId = test.path("issueId").asString("");
        String key = test.path("jira").path("key").asString("");
        if (issueId.isEmpty() || key.isEmpty()) {
            throw new TargetException(
                    NAME,
                    Kind.OUTCOME_UNKNOWN,
                    "Xray answered the creation of a test for " + story.key() + " without the test's key.");
        }
        linkToStory(user, credentials, story, linkType, issueId, key);
        return new PublishedTest(key, browse(story, key), issueId);
    }

    @Override
    public PublishedTest update(HostUser user, Story story, ScenarioToPublish scenario, PublishedTest existing) {
        TargetCredentials credentials = credentials(user.tenant());
        if (!ISSUE_KEY.matcher(existing.key()).matches()) {
            throw http.rejected("update " + existing.key() + ": that is not a test's key", null);
        }
        JsonNode found = graphQl.run(
                        user.tenant(),
                        credentials,
                        "find test " + existing.key(),
                        Call.READ,
                        TEST_BY_KEY,
                        NODES.objectNode().put("jql", "key = " + existing.key()))
                .path("getTests")
                .path("results")
                .path(0);
        String issueId = found.path("issueId").asString("");
        if (issueId.isEmpty()) {
            throw http.rejected("update " + existing.key() + ": Xray has no such test any more", null);
        }
        graphQl.run(
                user.tenant(),
                credentials,
                "replace the Gherkin of " + existing.key(),
                Call.WRITE,
                UPDATE_GHERKIN,
                NODES.objectNode().put("issueId", issueId).put("gherkin", ScenarioSteps.of(scenario)));
        String summary = ScenarioSteps.title(scenario, SUMMARY_LIMIT);
        if (!summary.equals(found.path("jira").path("summary").asString(""))) {
            rename(user, existing.key(), summary);
        }
        // A test found after a create timed out may lack its link; Jira takes a repeated link as made.
        try {
            jira.link(user, coverageLinkType(user), existing.key(), story.key());
        } catch (JiraException e) {
            throw new TargetException(
                    NAME,
                    kindOf(e),
                    "Jira did not link " + existing.key() + " to " + story.key() + " (" + e.getMessage() + ").",
                    e instanceof JiraException.RateLimited limited ? limited.retryAfter() : null,
                    null);
        }
        return new PublishedTest(existing.key(), browse(story, existing.key()), issueId);
    }

    // Xray has no GraphQL mutation for a test's Jira fields: the summary is Jira's, changed there.
    private void rename(HostUser user, String key, String summary) {
        ObjectNode body = NODES.objectNode();
        body.putObject("fields").put("summary", summary);
        jiraHttp.call(
                "rename test " + key,
                Call.WRITE,
                () -> sites.asUser(user)
                        .put()
                        .uri("/rest/api/3/issue/{key}", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(body)
                        .retrieve()
                        .toBodilessEntity());
    }

    /**
     * Links the new test so that it "tests" the story. Should Jira refuse, the test is deleted
     * again: an unlinked test is invisible to {@link #existingTests}, so a retry would duplicate it.
     */
    private void linkToStory(
            HostUser user, TargetCredentials credentials, Story story, String linkType, String issueId, String key) {
        try {
            jira.link(user, linkType, key, story.key());
        } catch (JiraException e) {
            boolean deleted = deleteQuietly(user.tenant(), credentials, issueId, key);
            throw new TargetException(
                    NAME,
                    kindOf(e),
                    "Xray created " + key + " but Jira did not link it to " + story.key() + " (" + e.getMessage()
                            + "); " + (deleted ? "the test was deleted again." : "delete " + key + " by hand."),
                    e instanceof JiraException.RateLimited limited ? limited.retryAfter() : null,
                    null);
        }
    }

    private boolean deleteQuietly(TenantId tenant, TargetCredentials credentials, String issueId, String key) {
        try {
            graphQl.run(
                    tenant,
                    credentials,
                    "delete the unlinked test " + key,
                    Call.WRITE,
                    DELETE_TEST,
                    NODES.objectNode().put("issueId", issueId));
            return true;
        } catch (TargetException e) {
            return false;
        }
    }

    private static Kind kindOf(JiraException e) {
        if (e instanceof JiraException.PermissionDenied) {
            return Kind.PERMISSION_DENIED;
        }
        if (e instanceof JiraException.RateLimited) {
            return Kind.RATE_LIMITED;
        }
        if (e instanceof JiraException.Unavailable) {
            return Kind.UNAVAILABLE;
        }
        if (e instanceof JiraException.AttachmentTooLarge) {
            return Kind.TOO_LARGE;
        }
        return Kind.REJECTED;
    }

    /**
     * The link type through which Xray counts coverage: the one whose outward phrase is "tests"
     * (Xray installs "Test": "tests" / "is tested by"), resolved by what the site has, never by id.
     */
    private String coverageLinkType(HostUser user) {
        LinkType known = linkTypes.get(user.tenant());
        if (known != null && known.until().isAfter(clock.instant())) {
            return known.name();
        }
        List<IssueLinkType> types;
        try {
            types = jira.linkTypes(user);
        } catch (JiraException e) {
            throw new TargetException(
                    NAME, kindOf(e), "Jira did not list its issue link types (" + e.getMessage() + ").", null, null);
        }
        Optional<String> tests = types.stream()
                .filter(type -> "tests".equalsIgnoreCase(type.outward().strip()))
                .map(IssueLinkType::name)
                .findFirst()
                .or(() -> types.stream()
                        .map(IssueLinkType::name)
                        .filter(name -> List.of("test", "tests").contains(name.toLowerCase(Locale.ROOT)))
                        .findFirst());
        String name = tests.orElseThrow(() -> new TargetException(
                NAME,
                Kind.REJECTED,
                "This site has no issue link type whose outward phrase is \"tests\", through which Xray"
                        + " counts a test as a story's coverage."));
        linkTypes.put(user.tenant(), new LinkType(name, clock.instant().plus(LINK_TYPES_FOR)));
        return name;
    }

    private TargetCredentials credentials(TenantId tenant) {
        TargetCredentials credentials = settings.targetCredentials(tenant);
        if (!credentials.xrayConfigured()) {
            throw http.notConfigured("the client id and client secret of an Xray API key");
        }
        return credentials;
    }

    private static String browse(Story story, String key) {
        String site = story.site().toString();
        return (site.endsWith("/") ? site.substring(0, site.length() - 1) : site) + "/browse/" + key;
    }
}
