package dev.casewright.publishing.zephyr;

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
import dev.casewright.settings.TenantSettings;
import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Zephyr Scale Cloud as a publishing target: one test case per scenario with its steps as a BDD
 * script, linked to the story by the story's numeric issue id (C.2–C.4). Zephyr's PUT replaces the
 * whole test case, so an update sends back everything the GET returned with only our fields
 * changed.
 *
 * <p>A create that gets no answer may leave a test case that is not linked to the story yet, which
 * {@link #existingTests} (the story's linked test cases) cannot see. Every test case we create
 * therefore carries the story's label ({@code casewright-SHOP-12}); Zephyr's listing has no
 * label filter, so {@link #testsLostCreatesMayHaveLeft} reads the project's listing, the first
 * page and the newest pages, and picks the test cases with that label. An update links the test
 * case to the story when it is not linked yet, which finishes a test case found that way.
 */
@Component
class ZephyrTarget implements PublishingTarget, TargetCredentialsCheck {

    static final String NAME = "zephyr";
    private static final int NAME_LIMIT = 255;
    private static final int EXISTING_LIMIT = 100;
    /** Zephyr's largest page; the listing may answer with fewer. */
    private static final int LISTING_PAGE = 1_000;
    /** How many of the newest pages (a new test case is listed last) are read besides the first. */
    private static final int NEWEST_PAGES = 4;

    private static final Pattern TEST_CASE_KEY = Pattern.compile("[A-Z][A-Z0-9_]*-T[1-9][0-9]*");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final TenantSettings settings;
    private final RestClient zephyr;
    private final TargetHttp http = new TargetHttp(NAME, "Zephyr");

    ZephyrTarget(TenantSettings settings, ZephyrProperties properties, RestClient.Builder clients) {
        this.settings = settings;
        this.zephyr =
                TargetHttp.client(clients, properties.base(), properties.connectTimeout(), properties.readTimeout());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String target() {
        return NAME;
    }

    /** The cheapest call that needs a valid token: one project. */
    @Override
    public void verify(TenantId tenant) {
        String token = token(tenant);
        http.call(
                "list projects",
                Call.READ,
                () -> zephyr.get()
                        .uri("/projects?maxResults=1")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .retrieve()
                        .toBodilessEntity());
    }

    @Override
    public List<ExistingTest> existingTests(HostUser user, Story story) {
        String token = token(user.tenant());
        JsonNode linked = http.call(
                "list the test cases of " + story.key(),
                Call.READ,
                () -> zephyr.get()
                        .uri("/issuelinks/{issueKey}/testcases", story.key())
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .retrieve()
                        .body(JsonNode.class));
        List<ExistingTest> tests = new ArrayList<>();
        if (linked == null) {
            return tests;
        }
        for (JsonNode reference : linked) {
            String key = reference.path("key").asString("");
            if (!TEST_CASE_KEY.matcher(key).matches() || tests.size() >= EXISTING_LIMIT) {
                continue;
            }
            JsonNode testCase = testCase(token, key);
            tests.add(new ExistingTest(key, testCase.path("name").asString(""), script(token, key), url(story, key)));
        }
        return tests;
    }

    /**
     * The story's linked test cases, and the test cases of its project that carry the story's label
     * but are not linked: what a create that got no answer (or whose link failed) left behind.
     */
    @Override
    public List<ExistingTest> testsLostCreatesMayHaveLeft(HostUser user, Story story) {
        List<ExistingTest> tests = new ArrayList<>(existingTests(user, story));
        Set<String> known = new LinkedHashSet<>();
        tests.forEach(test -> known.add(test.key()));
        String token = token(user.tenant());
        String label = storyLabel(story);
        JsonNode first = listing(token, story, 0, LISTING_PAGE);
        addLabelled(first, label, known, tests, token, story);
        if (first.path("isLast").asBoolean(true) || first.path("values").isEmpty()) {
            return tests;
        }
        int pageSize = Math.max(1, first.path("maxResults").asInt(LISTING_PAGE));
        long total = first.path("total").asLong(-1);
        long pages = total < 0 ? NEWEST_PAGES + 1 : (total + pageSize - 1) / pageSize;
        // Zephyr lists test cases in the order they were made, so a lost create is among the last.
        for (long page = Math.max(1, pages - NEWEST_PAGES); page < pages; page++) {
            JsonNode next = listing(token, story, page * pageSize, pageSize);
            addLabelled(next, label, known, tests, token, story);
            if (next.path("isLast").asBoolean(true) || next.path("values").isEmpty()) {
                break;
            }
        }
        return tests;
    }

    private JsonNode listing(String token, Story story, long startAt, int maxResults) {
        JsonNode page = http.call(
                "list the test cases of project " + story.projectKey(),
                Call.READ,
                () -> zephyr.get()
                        .uri(
                                "/testcases?projectKey={projectKey}&maxResults={maxResults}&startAt={startAt}",
                                story.projectKey(),
                                maxResults,
                                startAt)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .retrieve()
                        .body(JsonNode.class));
        return page == null ? NODES.objectNode() : page;
    }

    private void addLabelled(
            JsonNode page, String label, Set<String> known, List<ExistingTest> tests, String token, Story story) {
        for (JsonNode testCase : page.path("values")) {
            String key = testCase.path("key").asString("");
            boolean labelled = false;
            for (JsonNode candidate : testCase.path("labels")) {
                labelled |= label.equals(candidate.asString(""));
            }
            if (labelled && TEST_CASE_KEY.matcher(key).matches() && known.add(key)) {
                tests.add(
                        new ExistingTest(key, testCase.path("name").asString(""), script(token, key), url(story, key)));
            }
        }
    }

    /** The label that finds our test cases for a story before (or without) their link to it. */
    static String storyLabel(Story story) {
        return "casewright-" + story.key();
    }

    /**
     * Creates the test case, links it to the story, then sets its script. The link comes before the
     * script so that a test case exists unlinked for as short a time as possible: once linked,
     * {@link #existingTests} finds it and a failed script becomes an update, not a duplicate.
     */
    @Override
    public PublishedTest create(HostUser user, Story story, ScenarioToPublish scenario) {
        String token = token(user.tenant());
        numericIssueId(story); // refused before anything is created
        ObjectNode testCase = NODES.objectNode();
        testCase.put("projectKey", story.projectKey());
        testCase.put("name", ScenarioSteps.title(scenario, NAME_LIMIT));
        testCase.put("objective", objective(story, scenario));
        ArrayNode labels = testCase.putArray("labels");
        ScenarioSteps.labels(scenario).forEach(labels::add);
        labels.add(storyLabel(story));

        JsonNode created = http.call(
                "create a test case for " + story.key(),
                Call.WRITE,
                () -> zephyr.post()
                        .uri("/testcases")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(testCase)
                        .retrieve()
                        .body(JsonNode.class));
        String key = created == null ? "" : created.path("key").asString("");
        if (!TEST_CASE_KEY.matcher(key).matches()) {
            throw new TargetException(
                    NAME,
                    Kind.OUTCOME_UNKNOWN,
                    "Zephyr answered the creation of a test case for " + story.key() + " without its key.");
        }
        try {
            link(token, key, story);
            setScript(token, key, scenario);
        } catch (TargetException e) {
            // The test case exists but is not finished: an unknown outcome whatever the cause, so
            // that the publisher records it as pending, finds it by its label and finishes it.
            throw new TargetException(
                    NAME,
                    Kind.OUTCOME_UNKNOWN,
                    "Zephyr created " + key + " but did not finish it: " + e.getMessage(),
                    e.retryAfter(),
                    e);
        }
        return new PublishedTest(key, url(story, key), created.path("id").asString(null));
    }

    @Override
    public PublishedTest update(HostUser user, Story story, ScenarioToPublish scenario, PublishedTest existing) {
        String token = token(user.tenant());
        String key = existing.key();
        if (!TEST_CASE_KEY.matcher(key).matches()) {
            throw http.rejected("update " + key + ": that is not a test case's key", null);
        }
        JsonNode current = testCase(token, key);
        if (!(current instanceof ObjectNode testCase)) {
            throw http.rejected("update " + key + ": its test case could not be read", null);
        }
        if (!linkedTo(testCase, numericIssueId(story))) {
            // Found after a create that got no answer: finish it.
            link(token, key, story);
        }
        // The PUT replaces the whole record (fields left out are cleared): change ours, keep the rest.
        testCase.put("name", ScenarioSteps.title(scenario, NAME_LIMIT));
        testCase.put("objective", objective(story, scenario));
        Set<String> labels = new LinkedHashSet<>();
        testCase.path("labels").forEach(label -> labels.add(label.asString("")));
        labels.addAll(ScenarioSteps.labels(scenario));
        labels.remove("");
        ArrayNode merged = testCase.putArray("labels");
        labels.forEach(merged::add);
        http.call(
                "update " + key,
                Call.WRITE,
                () -> zephyr.put()
                        .uri("/testcases/{key}", key)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(testCase)
                        .retrieve()
                        .toBodilessEntity());
        setScript(token, key, scenario);
        return new PublishedTest(key, url(story, key), testCase.path("id").asString(existing.targetId()));
    }

    private void link(String token, String key, Story story) {
        ObjectNode link = NODES.objectNode().put("issueId", numericIssueId(story));
        http.call(
                "link " + key + " to " + story.key(),
                Call.WRITE,
                () -> zephyr.post()
                        .uri("/testcases/{key}/links/issues", key)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(link)
                        .retrieve()
                        .toBodilessEntity());
    }

    // The test case as Zephyr returns it lists its issue links with their numeric issue ids.
    private static boolean linkedTo(JsonNode testCase, long issueId) {
        for (JsonNode link : testCase.path("links").path("issues")) {
            if (link.path("issueId").asLong(-1) == issueId) {
                return true;
            }
        }
        return false;
    }

    private void setScript(String token, String key, ScenarioToPublish scenario) {
        ObjectNode script = NODES.objectNode().put("type", "bdd").put("text", ScenarioSteps.of(scenario));
        http.call(
                "set the BDD script of " + key,
                Call.WRITE,
                () -> zephyr.post()
                        .uri("/testcases/{key}/testscript", key)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(script)
                        .retrieve()
                        .toBodilessEntity());
    }

    private JsonNode testCase(String token, String key) {
        JsonNode testCase = http.call(
                "read " + key,
                Call.READ,
                () -> zephyr.get()
                        .uri("/testcases/{key}", key)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .retrieve()
                        .body(JsonNode.class));
        return testCase == null ? NODES.objectNode() : testCase;
    }

    // A test case without a script (made by hand, or whose script failed) answers 404.
    private String script(String token, String key) {
        JsonNode script = http.call("read the script of " + key, Call.READ, () -> {
            try {
                return zephyr.get()
                        .uri("/testcases/{key}/testscript", key)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .retrieve()
                        .body(JsonNode.class);
            } catch (HttpClientErrorException.NotFound none) {
                return null;
            }
        });
        return script == null ? "" : script.path("text").asString("");
    }

    private long numericIssueId(Story story) {
        try {
            long id = Long.parseLong(story.id().strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw http.rejected("link to " + story.key() + ": its Jira issue id is not numeric", null);
    }

    private static String objective(Story story, ScenarioToPublish scenario) {
        return "Scenario of the feature \"" + scenario.featureName().strip() + "\" for " + story.key() + ".";
    }

    private String token(TenantId tenant) {
        String token = settings.targetCredentials(tenant).zephyrApiToken();
        if (token == null) {
            throw http.notConfigured("a Zephyr API access token");
        }
        return token;
    }

    // Zephyr's own page for the test case inside the Jira project.
    private static String url(Story story, String key) {
        String site = story.site().toString();
        return (site.endsWith("/") ? site.substring(0, site.length() - 1) : site) + "/projects/" + story.projectKey()
                + "?selectedItem=com.atlassian.plugins.atlassian-connect-plugin:com.kanoah.test-manager__main-project-page#!/v2/testCase/"
                + key;
    }
}
