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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
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
 *
 * <p>An administrator can name a folder for new test cases ({@code zephyrFolder} in the settings):
 * a name, or a path of names from a top-level folder ({@code Regression/Checkout}). It is
 * resolved in the story's project through Zephyr's folder listing, ignoring case: a path by
 * following each folder's {@code parentId}; a plain name to the top-level folder of that name,
 * else to the one folder of that name anywhere (a name several nested folders share needs its
 * path). The id found is remembered for a few minutes per tenant, project and name, and sent as
 * {@code folderId} on create; an update keeps the folder the test case is in (the PUT sends back
 * what the GET returned), so moving a test case by hand sticks.
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

    /** Pages of the folder listing read at most: 20,000 folders, far more than a project keeps. */
    private static final int FOLDER_PAGES = 20;
    /** How long a folder's id is used before the listing is read again. */
    private static final Duration FOLDER_REMEMBERED_FOR = Duration.ofMinutes(5);
    /**
     * How long a folder that was not found stays not found: one listing for all scenarios of a
     * publication, and an administrator who then creates it waits at most this long.
     */
    private static final Duration MISSING_FOLDER_REMEMBERED_FOR = Duration.ofMinutes(1);

    private static final int MAX_REMEMBERED = 1_000;

    private static final Pattern TEST_CASE_KEY = Pattern.compile("[A-Z][A-Z0-9_]*-T[1-9][0-9]*");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final TenantSettings settings;
    private final RestClient zephyr;
    private final TargetHttp http = new TargetHttp(NAME, "Zephyr");
    private final Clock clock;
    // Folders change rarely; listing them for every scenario would multiply the calls.
    private final Map<String, RememberedFolder> folders = new ConcurrentHashMap<>();

    /** A folder's id, or null when the project has no such folder, and until when it is believed. */
    private record RememberedFolder(@Nullable Long id, Instant until) {}

    /** One folder of the listing. */
    record Folder(long id, @Nullable Long parentId, String name) {}

    ZephyrTarget(TenantSettings settings, ZephyrProperties properties, RestClient.Builder clients) {
        this.settings = settings;
        this.zephyr =
                TargetHttp.client(clients, properties.base(), properties.connectTimeout(), properties.readTimeout());
        this.clock = Clock.systemUTC();
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
        String folder = settings.publishingOptions(user.tenant()).zephyrFolder();
        Long folderId = folder == null ? null : folderId(user.tenant(), token, story, folder);
        ObjectNode testCase = NODES.objectNode();
        testCase.put("projectKey", story.projectKey());
        testCase.put("name", ScenarioSteps.title(scenario, NAME_LIMIT));
        testCase.put("objective", objective(story, scenario));
        if (folderId != null) {
            testCase.put("folderId", folderId.longValue());
        }
        ArrayNode labels = testCase.putArray("labels");
        ScenarioSteps.labels(scenario).forEach(labels::add);
        labels.add(storyLabel(story));

        JsonNode created;
        try {
            created = http.call(
                    "create a test case for " + story.key(),
                    Call.WRITE,
                    () -> zephyr.post()
                            .uri("/testcases")
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(testCase)
                            .retrieve()
                            .body(JsonNode.class));
        } catch (TargetException e) {
            if (folder != null && e.kind() == Kind.REJECTED) {
                // The folder may have been deleted since it was looked up: look again next time.
                folders.remove(folderCacheKey(user.tenant(), story, folder));
            }
            throw e;
        }
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

    // --- the folder new test cases go in ------------------------------------------------------------

    private long folderId(TenantId tenant, String token, Story story, String folder) {
        String cacheKey = folderCacheKey(tenant, story, folder);
        Instant now = clock.instant();
        RememberedFolder known = folders.get(cacheKey);
        Long id;
        if (known != null && known.until().isAfter(now)) {
            id = known.id();
        } else {
            id = resolveFolder(folders(token, story), folder);
            if (folders.size() >= MAX_REMEMBERED) {
                folders.clear();
            }
            folders.put(
                    cacheKey,
                    new RememberedFolder(
                            id, now.plus(id == null ? MISSING_FOLDER_REMEMBERED_FOR : FOLDER_REMEMBERED_FOR)));
        }
        if (id == null) {
            throw new TargetException(
                    NAME,
                    Kind.REJECTED,
                    "Zephyr project " + story.projectKey() + " has no test case folder \"" + folder
                            + "\", the folder Casewright's settings name for new test cases (a name several nested"
                            + " folders share needs its path, like \"Regression/Checkout\"). An administrator can"
                            + " name another folder or clear the setting to create test cases outside any folder.");
        }
        return id;
    }

    private static String folderCacheKey(TenantId tenant, Story story, String folder) {
        return tenant.value() + "/" + story.projectKey() + "/" + folder.strip().toLowerCase(Locale.ROOT);
    }

    /** The project's test case folders, page by page (C.6). */
    private List<Folder> folders(String token, Story story) {
        List<Folder> all = new ArrayList<>();
        long startAt = 0;
        for (int page = 0; page < FOLDER_PAGES; page++) {
            long from = startAt;
            JsonNode listing = http.call(
                    "list the test case folders of project " + story.projectKey(),
                    Call.READ,
                    () -> zephyr.get()
                            .uri(
                                    "/folders?projectKey={projectKey}&folderType=TEST_CASE&maxResults={maxResults}"
                                            + "&startAt={startAt}",
                                    story.projectKey(),
                                    LISTING_PAGE,
                                    from)
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                            .retrieve()
                            .body(JsonNode.class));
            if (listing == null) {
                break;
            }
            JsonNode values = listing.path("values");
            for (JsonNode folder : values) {
                long id = folder.path("id").asLong(0);
                JsonNode parent = folder.path("parentId");
                if (id > 0) {
                    all.add(new Folder(
                            id,
                            parent.isIntegralNumber() && parent.asLong() > 0 ? parent.asLong() : null,
                            folder.path("name").asString("")));
                }
            }
            // Zephyr may answer with fewer than asked for; its maxResults says how many it meant.
            int pageSize = listing.path("maxResults").asInt(values.size());
            startAt += Math.max(pageSize, values.size());
            long total = listing.path("total").asLong(-1);
            if (values.isEmpty()
                    || listing.path("isLast").asBoolean(false)
                    || (total >= 0 && startAt >= total)
                    || values.size() < pageSize) {
                break;
            }
        }
        return all;
    }

    /**
     * The id of the folder a setting names, ignoring case: a path ({@code Regression/Checkout})
     * from a top-level folder down through each folder's children; a plain name, the top-level
     * folder of that name, else the only folder of that name; null when there is none (or several
     * nested ones and no path to choose).
     */
    static @Nullable Long resolveFolder(List<Folder> folders, String setting) {
        List<String> names = Arrays.stream(setting.split("/"))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .toList();
        if (names.isEmpty()) {
            return null;
        }
        if (names.size() == 1) {
            List<Folder> named =
                    folders.stream().filter(f -> sameName(f, names.get(0))).toList();
            return named.stream()
                    .filter(f -> f.parentId() == null)
                    .findFirst()
                    .or(() -> named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty())
                    .map(Folder::id)
                    .orElse(null);
        }
        List<Folder> level = folders.stream()
                .filter(f -> f.parentId() == null && sameName(f, names.get(0)))
                .toList();
        for (String name : names.subList(1, names.size())) {
            Set<Long> parents = new LinkedHashSet<>();
            level.forEach(f -> parents.add(f.id()));
            level = folders.stream()
                    .filter(f -> f.parentId() != null && parents.contains(f.parentId()) && sameName(f, name))
                    .toList();
        }
        if (!level.isEmpty()) {
            return level.get(0).id();
        }
        // A folder whose own name holds a slash.
        String whole = setting.strip();
        return folders.stream()
                .filter(f -> sameName(f, whole))
                .findFirst()
                .map(Folder::id)
                .orElse(null);
    }

    private static boolean sameName(Folder folder, String name) {
        return folder.name().strip().equalsIgnoreCase(name);
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
