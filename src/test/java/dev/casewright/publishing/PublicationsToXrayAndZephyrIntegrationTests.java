package dev.casewright.publishing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.casewright.publishing.zephyr.ZephyrOpenApi;
import dev.casewright.settings.SettingsChanges;
import dev.casewright.tenancy.TestTenants;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishing to Xray Cloud and Zephyr Scale Cloud end to end, through
 * {@code POST /api/issues/{issueKey}/publications}: the publisher, the story's publication record
 * in a stub Jira, and each target against stubs shaped like its documented answers
 * (external-apis-jira-xray-zephyr.md B, C, E). Counts the creates the stubs answered, because
 * "exactly one test per scenario" is what a user sees in the target.
 */
class PublicationsToXrayAndZephyrIntegrationTests extends TargetStubs {

    static final String PROPERTY = "/rest/api/3/issue/SHOP-12/properties/casewright.publications";
    static final String GRAPHQL = "/xray/api/v2/graphql";
    static final String TEST_CASES = "/zephyr/v2/testcases";
    static final String XRAY_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e2e-xray-token.c2ln";

    @Autowired
    MockMvc mvc;

    private final JsonMapper json = JsonMapper.shared();

    @BeforeEach
    void aStoryOnJiraWithXrayAndZephyr() {
        // The story and its publication record, kept by Jira between requests.
        STUBS.stubFor(get(urlPathEqualTo("/rest/api/3/issue/SHOP-12")).willReturn(okJson("""
                {"id":"10012","key":"SHOP-12","self":"https://example-site.atlassian.net/rest/api/3/issue/10012",
                 "fields":{"summary":"Checkout with a saved card",
                   "issuetype":{"id":"10001","name":"Story","subtask":false},
                   "project":{"id":"10000","key":"SHOP","name":"Shop"},
                   "status":{"name":"In Progress"},"labels":[],"components":[],"attachment":[],"subtasks":[],
                   "issuelinks":[]},
                 "names":{"summary":"Summary"}}""")));
        STUBS.stubFor(get(urlPathEqualTo(PROPERTY))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errorMessages\":[\"The property with key 'casewright.publications' does not"
                                + " exist.\"],\"errors\":{}}")));
        STUBS.stubFor(put(urlPathEqualTo(PROPERTY)).willReturn(aResponse().withStatus(200)));
        // Xray's tests are Jira issues: the coverage link and a rename are Jira's.
        STUBS.stubFor(get(urlPathEqualTo("/rest/api/3/issueLinkType")).willReturn(okJson("""
                {"issueLinkTypes":[
                  {"id":"10000","name":"Blocks","inward":"is blocked by","outward":"blocks"},
                  {"id":"10003","name":"Relates","inward":"relates to","outward":"relates to"},
                  {"id":"10006","name":"Test","inward":"is tested by","outward":"tests"}]}""")));
        STUBS.stubFor(post(urlPathEqualTo("/rest/api/3/issueLink"))
                .willReturn(aResponse().withStatus(201)));
        STUBS.stubFor(put(urlPathMatching("/rest/api/3/issue/SHOP-1\\d\\d"))
                .willReturn(aResponse().withStatus(204)));
        // Xray.
        STUBS.stubFor(post("/xray/api/v2/authenticate").willReturn(okJson("\"" + XRAY_TOKEN + "\"")));
        STUBS.stubFor(graphQl("getCoverableIssue").willReturn(okJson(coverage())));
        STUBS.stubFor(graphQl("updateGherkinTestDefinition")
                .willReturn(okJson("{\"data\":{\"updateGherkinTestDefinition\":{\"issueId\":\"10101\"}}}")));
        for (int n = 100; n < 110; n++) {
            STUBS.stubFor(post(urlEqualTo(GRAPHQL))
                    .withRequestBody(matchingJsonPath("$.variables.jql", equalTo("key = SHOP-" + n)))
                    .willReturn(okJson("{\"data\":{\"getTests\":{\"total\":1,\"start\":0,\"limit\":1,\"results\":["
                            + "{\"issueId\":\"" + (10000 + n) + "\",\"jira\":{\"key\":\"SHOP-" + n
                            + "\",\"summary\":\"" + title(n - 99) + "\"}}]}}}")));
        }
        // Zephyr.
        STUBS.stubFor(post(urlPathMatching(TEST_CASES + "/SHOP-T\\d+/links/issues"))
                .willReturn(created("{\"id\":3,\"self\":\"https://api.zephyrscale.smartbear.com/v2/links/3\"}")));
        STUBS.stubFor(post(urlPathMatching(TEST_CASES + "/SHOP-T\\d+/testscript"))
                .willReturn(created("{\"id\":2,\"self\":\"https://api.zephyrscale.smartbear.com/v2/testscript/2\"}")));
        STUBS.stubFor(put(urlPathMatching(TEST_CASES + "/SHOP-T\\d+"))
                .willReturn(aResponse().withStatus(200)));
        for (int n = 1; n < 10; n++) {
            STUBS.stubFor(get(urlPathEqualTo(TEST_CASES + "/SHOP-T" + n)).willReturn(okJson(testCase(n, true))));
        }
        STUBS.stubFor(
                get(urlPathEqualTo("/zephyr/v2/issuelinks/SHOP-12/testcases")).willReturn(okJson("[]")));
    }

    // --- stubs -----------------------------------------------------------------------------------------

    private static MappingBuilder graphQl(String operation) {
        return post(urlEqualTo(GRAPHQL)).withRequestBody(matchingJsonPath("$.query", containing(operation)));
    }

    private static ResponseDefinitionBuilder created(String body) {
        return aResponse()
                .withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    private static ResponseDefinitionBuilder failure(int status) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Retry-After", "7")
                .withBody("{\"errorCode\":" + status + ",\"message\":\"Request refused\"}");
    }

    private static String coverage(String... tests) {
        String results = String.join(",", tests);
        return "{\"data\":{\"getCoverableIssue\":{\"tests\":{\"total\":0,\"start\":0,\"limit\":100,\"results\":[]}},"
                + "\"getTests\":{\"total\":" + tests.length + ",\"start\":0,\"limit\":100,\"results\":[" + results
                + "]}}}";
    }

    private static String title(int scenario) {
        return "Scenario " + scenario + " of checkout";
    }

    /** A test case as Zephyr's GET returns it: every field an update must send back. */
    private static String testCase(int n, boolean linked) {
        return """
                {"id":%d,"key":"SHOP-T%d","name":"%s",
                 "project":{"id":10000,"self":"https://api.zephyrscale.smartbear.com/v2/projects/10000"},
                 "createdOn":"2026-12-03T09:15:13Z","objective":"Scenario of the feature",
                 "labels":["checkout","casewright-SHOP-12"],
                 "priority":{"id":10002,"self":"https://api.zephyrscale.smartbear.com/v2/priorities/10002"},
                 "status":{"id":10000,"self":"https://api.zephyrscale.smartbear.com/v2/statuses/10000"},
                 "testScript":{"self":"https://api.zephyrscale.smartbear.com/v2/testcases/SHOP-T%d/testscript"},
                 "customFields":{},
                 "links":{"self":"https://api.zephyrscale.smartbear.com/v2/testcases/SHOP-T%d/links",
                   "issues":[%s],"webLinks":[]}}""".formatted(
                        n,
                        n,
                        title(n),
                        n,
                        n,
                        linked
                                ? "{\"self\":\"https://api.zephyrscale.smartbear.com/v2/links/3\",\"issueId\":10012,"
                                        + "\"id\":3,\"target\":\"https://shop.atlassian.net/rest/api/2/issue/10012\","
                                        + "\"type\":\"COVERAGE\"}"
                                : "");
    }

    /**
     * The target's creates answer in turn with tests SHOP-100, SHOP-101, ... (Xray) or SHOP-T1,
     * SHOP-T2, ... (Zephyr); a non-null entry of {@code answers} replaces that turn's answer and, a
     * failure, makes no test.
     */
    private static void stubCreates(String target, @Nullable ResponseDefinitionBuilder... answers) {
        int made = 0;
        for (int turn = 0; turn < 12; turn++) {
            ResponseDefinitionBuilder answer = turn < answers.length ? answers[turn] : null;
            if (answer == null) {
                answer = target.equals("xray") ? xrayCreated(100 + made) : zephyrCreated(1 + made);
                made++;
            }
            MappingBuilder create = target.equals("xray") ? graphQl("createTest") : post(urlEqualTo(TEST_CASES));
            STUBS.stubFor(create.inScenario("creates")
                    .whenScenarioStateIs(turn == 0 ? Scenario.STARTED : "create-" + turn)
                    .willSetStateTo("create-" + (turn + 1))
                    .willReturn(answer));
        }
    }

    private static ResponseDefinitionBuilder xrayCreated(int n) {
        return okJson("{\"data\":{\"createTest\":{\"test\":{\"issueId\":\"" + (10000 + n)
                + "\",\"testType\":{\"name\":\"Cucumber\",\"kind\":\"Gherkin\"},\"jira\":{\"key\":\"SHOP-" + n
                + "\"}},\"warnings\":[]}}}");
    }

    private static ResponseDefinitionBuilder zephyrCreated(int n) {
        return created("{\"id\":" + n + ",\"key\":\"SHOP-T" + n
                + "\",\"self\":\"https://api.zephyrscale.smartbear.com/v2/testcases/SHOP-T" + n + "\"}");
    }

    /** The creates the target answered with a test: what a user would find in it. */
    private static int testsMade(String target) {
        Predicate<ServeEvent> create = target.equals("xray")
                ? event -> event.getRequest().getUrl().equals(GRAPHQL)
                        && event.getRequest().getBodyAsString().contains("createTest")
                        && event.getResponse().getBodyAsString().contains("\"key\"")
                : event -> event.getRequest().getMethod().getName().equals("POST")
                        && event.getRequest().getUrl().equals(TEST_CASES)
                        && event.getResponse().getStatus() == 201;
        return (int) STUBS.getAllServeEvents().stream().filter(create).count();
    }

    private static int createCalls(String target) {
        return target.equals("xray")
                ? STUBS.findAll(postRequestedFor(urlEqualTo(GRAPHQL))
                                .withRequestBody(matchingJsonPath("$.query", containing("createTest"))))
                        .size()
                : STUBS.findAll(postRequestedFor(urlEqualTo(TEST_CASES))).size();
    }

    private List<JsonNode> bodies(RequestPatternBuilder pattern) {
        List<JsonNode> bodies = new ArrayList<>();
        STUBS.findAll(pattern).forEach(request -> bodies.add(json.readTree(request.getBodyAsString())));
        return bodies;
    }

    /** Jira keeps what was PUT: the next read of the record returns the last value written. */
    private static void keepTheWrittenRecord() {
        List<LoggedRequest> writes = STUBS.findAll(putRequestedFor(urlPathEqualTo(PROPERTY)));
        if (!writes.isEmpty()) {
            String value = writes.get(writes.size() - 1).getBodyAsString();
            STUBS.stubFor(get(urlPathEqualTo(PROPERTY))
                    .willReturn(okJson("{\"key\":\"casewright.publications\",\"value\":" + value + "}")));
        }
    }

    // --- requests --------------------------------------------------------------------------------------

    private static String scenario(int n, String... lastSteps) {
        List<String> steps = new ArrayList<>(List.of("Given a cart with " + n + " items", "When the shopper pays"));
        steps.addAll(lastSteps.length == 0 ? List.of("Then the order is confirmed") : Arrays.asList(lastSteps));
        String gherkin = "@checkout\nScenario: " + title(n) + "\n  " + String.join("\n  ", steps);
        return "{\"id\":\"S" + n + "\",\"title\":\"" + title(n) + "\",\"gherkin\":\""
                + gherkin.replace("\"", "\\\"").replace("\n", "\\n") + "\"}";
    }

    private static String suite(String target, int scenarios) {
        List<String> all = new ArrayList<>();
        for (int n = 1; n <= scenarios; n++) {
            all.add(scenario(n));
        }
        return suite(target, all);
    }

    private static String suite(String target, List<String> scenarios) {
        return "{\"target\":\"" + target + "\",\"featureName\":\"Checkout\",\"language\":\"en\",\"scenarios\":["
                + String.join(",", scenarios) + "]}";
    }

    private MockHttpServletResponse send(String body) throws Exception {
        MockHttpServletResponse response = mvc.perform(MockMvcRequestBuilders.post("/api/issues/SHOP-12/publications")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body)
                        .with(authentication(TestTenants.caller(user))))
                .andReturn()
                .getResponse();
        keepTheWrittenRecord();
        return response;
    }

    private JsonNode publish(String body) throws Exception {
        MockHttpServletResponse response = send(body);
        String text = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).as(text).isEqualTo(200);
        return json.readTree(text);
    }

    private static List<String> statuses(JsonNode result) {
        List<String> statuses = new ArrayList<>();
        result.path("results").forEach(r -> statuses.add(r.path("status").asString()));
        return statuses;
    }

    private static List<String> keys(JsonNode result) {
        List<String> keys = new ArrayList<>();
        result.path("results").forEach(r -> keys.add(r.path("key").asString("")));
        return keys;
    }

    private static List<String> repeat(String status, int times) {
        return java.util.Collections.nCopies(times, status);
    }

    // --- the same suite again and again, then one edit ---------------------------------------------------

    @Test
    void xrayGetsOneCucumberTestPerScenarioThatTestsTheStoryHoweverOftenTheSuiteIsPublished() throws Exception {
        stubCreates("xray");

        JsonNode first = publish(suite("xray", 3));
        JsonNode second = publish(suite("xray", 3));
        JsonNode third = publish(suite("xray", 3));

        assertThat(statuses(first)).containsExactly("created", "created", "created");
        assertThat(keys(first)).containsExactly("SHOP-100", "SHOP-101", "SHOP-102");
        assertThat(first.at("/results/0/url").asString()).isEqualTo(STUBS.baseUrl() + "/browse/SHOP-100");
        assertThat(statuses(second)).containsExactly("unchanged", "unchanged", "unchanged");
        assertThat(statuses(third)).containsExactly("unchanged", "unchanged", "unchanged");
        assertThat(keys(third)).isEqualTo(keys(first));
        assertThat(createCalls("xray")).isEqualTo(3);
        List<JsonNode> creates = bodies(postRequestedFor(urlEqualTo(GRAPHQL))
                .withRequestBody(matchingJsonPath("$.query", containing("createTest"))));
        assertThat(creates.get(1).at("/variables/gherkin").asString())
                .isEqualTo("Given a cart with 2 items\nWhen the shopper pays\nThen the order is confirmed\n");
        assertThat(creates.get(1).at("/variables/jira/fields/summary").asString())
                .isEqualTo(title(2));
        // The link direction: "SHOP-10x tests SHOP-12" puts the test in inwardIssue.
        List<JsonNode> links = bodies(postRequestedFor(urlPathEqualTo("/rest/api/3/issueLink")));
        assertThat(links).hasSize(3);
        for (int i = 0; i < links.size(); i++) {
            assertThat(links.get(i).at("/type/name").asString()).isEqualTo("Test");
            assertThat(links.get(i).at("/inwardIssue/key").asString()).isEqualTo("SHOP-" + (100 + i));
            assertThat(links.get(i).at("/outwardIssue/key").asString()).isEqualTo("SHOP-12");
        }

        JsonNode edited = publish(suite(
                "xray",
                List.of(scenario(1), scenario(2, "Then the receipt shows the card's last digits"), scenario(3))));

        assertThat(statuses(edited)).containsExactly("unchanged", "updated", "unchanged");
        assertThat(edited.at("/results/1/key").asString()).isEqualTo("SHOP-101");
        assertThat(createCalls("xray")).isEqualTo(3);
        List<JsonNode> updates = bodies(postRequestedFor(urlEqualTo(GRAPHQL))
                .withRequestBody(matchingJsonPath("$.query", containing("updateGherkinTestDefinition"))));
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).at("/variables/issueId").asString()).isEqualTo("10101");
        assertThat(updates.get(0).at("/variables/gherkin").asString())
                .endsWith("Then the receipt shows the card's last digits\n");
        // Same title: no rename in Jira.
        assertThat(STUBS.findAll(putRequestedFor(urlPathMatching("/rest/api/3/issue/SHOP-1\\d\\d"))))
                .isEmpty();
    }

    @Test
    void zephyrGetsOneTestCasePerScenarioHoweverOftenTheSuiteIsPublishedAndAnEditIsOneFullUpdate() throws Exception {
        stubCreates("zephyr");

        JsonNode first = publish(suite("zephyr", 3));
        JsonNode second = publish(suite("zephyr", 3));
        JsonNode third = publish(suite("zephyr", 3));

        assertThat(statuses(first)).containsExactly("created", "created", "created");
        assertThat(keys(first)).containsExactly("SHOP-T1", "SHOP-T2", "SHOP-T3");
        assertThat(statuses(second)).containsExactly("unchanged", "unchanged", "unchanged");
        assertThat(statuses(third)).containsExactly("unchanged", "unchanged", "unchanged");
        assertThat(createCalls("zephyr")).isEqualTo(3);
        for (JsonNode create : bodies(postRequestedFor(urlEqualTo(TEST_CASES)))) {
            assertThat(ZephyrOpenApi.violations("TestCaseInput", create)).isEmpty();
        }
        List<JsonNode> links = bodies(postRequestedFor(urlPathMatching(TEST_CASES + "/SHOP-T\\d+/links/issues")));
        assertThat(links)
                .hasSize(3)
                .allSatisfy(link -> assertThat(link.path("issueId").asLong()).isEqualTo(10012L));

        JsonNode edited = publish(suite(
                "zephyr",
                List.of(scenario(1), scenario(2, "Then the receipt shows the card's last digits"), scenario(3))));

        assertThat(statuses(edited)).containsExactly("unchanged", "updated", "unchanged");
        assertThat(edited.at("/results/1/key").asString()).isEqualTo("SHOP-T2");
        assertThat(createCalls("zephyr")).isEqualTo(3);
        // GET, then the whole test case PUT back, then the script: for S2's test case only.
        assertThat(STUBS.findAll(getRequestedFor(urlPathMatching(TEST_CASES + "/SHOP-T\\d+"))))
                .extracting(LoggedRequest::getUrl)
                .containsExactly(TEST_CASES + "/SHOP-T2");
        List<LoggedRequest> puts = STUBS.findAll(putRequestedFor(urlPathMatching(TEST_CASES + "/SHOP-T\\d+")));
        assertThat(puts).extracting(LoggedRequest::getUrl).containsExactly(TEST_CASES + "/SHOP-T2");
        JsonNode put = json.readTree(puts.get(0).getBodyAsString());
        assertThat(ZephyrOpenApi.violations("TestCase", put)).isEmpty();
        assertThat(put.path("priority"))
                .isEqualTo(json.readTree(testCase(2, true)).path("priority"));
        List<JsonNode> scripts = bodies(postRequestedFor(urlEqualTo(TEST_CASES + "/SHOP-T2/testscript")));
        assertThat(scripts).hasSize(2);
        assertThat(scripts.get(1).path("text").asString()).endsWith("Then the receipt shows the card's last digits\n");
        // Already linked: the update does not link it again.
        assertThat(bodies(postRequestedFor(urlPathMatching(TEST_CASES + "/SHOP-T\\d+/links/issues"))))
                .hasSize(3);
    }

    /** Scenario {@code n} with its Gherkin unchanged but another title, as a user may edit it. */
    private static String retitled(int n, String title) {
        return scenario(n).replace("\"title\":\"" + title(n) + "\"", "\"title\":\"" + title + "\"");
    }

    @Test
    void aZephyrTitleEditedWithoutItsGherkinRenamesExactlyThatTestCaseAndThenIsUnchanged() throws Exception {
        stubCreates("zephyr");
        publish(suite("zephyr", 3));
        String renamedSuite =
                suite("zephyr", List.of(scenario(1), retitled(2, "Shopper pays for two items"), scenario(3)));

        JsonNode renamed = publish(renamedSuite);
        JsonNode again = publish(renamedSuite);

        assertThat(statuses(renamed)).containsExactly("unchanged", "updated", "unchanged");
        assertThat(renamed.at("/results/1/key").asString()).isEqualTo("SHOP-T2");
        assertThat(statuses(again)).containsExactly("unchanged", "unchanged", "unchanged");
        assertThat(createCalls("zephyr")).isEqualTo(3);
        List<LoggedRequest> puts = STUBS.findAll(putRequestedFor(urlPathMatching(TEST_CASES + "/SHOP-T\\d+")));
        assertThat(puts).extracting(LoggedRequest::getUrl).containsExactly(TEST_CASES + "/SHOP-T2");
        JsonNode put = json.readTree(puts.get(0).getBodyAsString());
        assertThat(ZephyrOpenApi.violations("TestCase", put)).isEmpty();
        assertThat(put.path("name").asString()).isEqualTo("Shopper pays for two items");
    }

    @Test
    void aZephyrFolderTheProjectLacksFailsEachScenarioNamingItAndMakesNothingUntilOneItHasIsNamed() throws Exception {
        stubCreates("zephyr");
        STUBS.stubFor(get(urlPathEqualTo("/zephyr/v2/folders")).willReturn(okJson("""
                {"startAt":0,"maxResults":1000,"total":1,"isLast":true,"values":[
                  {"id":100010,"parentId":null,"name":"Regression","index":0,"folderType":"TEST_CASE",
                   "project":{"id":10000,"self":"https://api.zephyrscale.smartbear.com/v2/projects/10000"}}]}""")));
        zephyrFolder("Payments");

        JsonNode refused = publish(suite("zephyr", 2));

        assertThat(statuses(refused)).containsExactly("failed", "failed");
        assertThat(refused.at("/results/1/error").asString()).contains("no test case folder \"Payments\"");
        assertThat(createCalls("zephyr")).isZero();
        // Looked up once for both scenarios.
        assertThat(STUBS.findAll(getRequestedFor(urlPathEqualTo("/zephyr/v2/folders"))))
                .hasSize(1);

        zephyrFolder("regression");
        JsonNode made = publish(suite("zephyr", 2));

        assertThat(statuses(made)).containsExactly("created", "created");
        assertThat(bodies(postRequestedFor(urlEqualTo(TEST_CASES)))).hasSize(2).allSatisfy(create -> {
            assertThat(ZephyrOpenApi.violations("TestCaseInput", create)).isEmpty();
            assertThat(create.path("folderId").asLong()).isEqualTo(100010L);
        });
    }

    private void zephyrFolder(String folder) {
        settings.update(user, SettingsChanges.publishingOptions(null, null, folder));
    }

    // --- a failure half-way, then the same request again ------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource({"xray", "zephyr"})
    void aServerErrorOnTheThirdOfFiveCreatesFailsOnlyThatScenarioAndTheSameRequestFinishesWithFiveTests(String target)
            throws Exception {
        stubCreates(target, null, null, failure(500));

        JsonNode first = publish(suite(target, 5));

        assertThat(statuses(first)).containsExactly("created", "created", "failed", "created", "created");
        assertThat(first.at("/results/2/error").asString()).contains("500").doesNotContain("Scenario 3");
        assertThat(first.at("/results/2/key").isNull()).isTrue();

        JsonNode resumed = publish(suite(target, 5));

        assertThat(statuses(resumed)).containsExactly("unchanged", "unchanged", "created", "unchanged", "unchanged");
        assertThat(testsMade(target)).isEqualTo(5);
        assertThat(createCalls(target)).isEqualTo(6);
        assertThat(keys(resumed)).doesNotHaveDuplicates();
    }

    @Test
    void aCreateXrayMadeButAnsweredTooLateIsFoundOnResumeByItsStoryLabelAndNotMadeAgain() throws Exception {
        stubCreates("xray", null, xrayCreated(101).withFixedDelay(SLOWER_THAN_THE_READ_TIMEOUT), xrayCreated(102));
        // Xray has not indexed the lost test when the publisher first looks; it has by the resume.
        STUBS.stubFor(graphQl("getCoverableIssue")
                .inScenario("indexing")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("indexed")
                .willReturn(okJson(coverage())));
        STUBS.stubFor(graphQl("getCoverableIssue")
                .inScenario("indexing")
                .whenScenarioStateIs("indexed")
                .willReturn(okJson(coverage("{\"issueId\":\"10101\",\"gherkin\":\"Given a cart with 2 items\\n"
                        + "When the shopper pays\\nThen the order is confirmed\\n\",\"testType\":{\"name\":"
                        + "\"Cucumber\",\"kind\":\"Gherkin\"},\"jira\":{\"key\":\"SHOP-101\",\"summary\":\""
                        + title(2) + "\"}}"))));

        JsonNode first = publish(suite("xray", 3));

        assertThat(statuses(first)).containsExactly("created", "failed", "created");
        assertThat(first.at("/results/1/error").asString()).contains("did not answer in time", "send the same request");
        assertThat(keys(first)).containsExactly("SHOP-100", "", "SHOP-102");

        JsonNode resumed = publish(suite("xray", 3));
        JsonNode again = publish(suite("xray", 3));

        assertThat(statuses(resumed)).containsExactly("unchanged", "created", "unchanged");
        assertThat(resumed.at("/results/1/key").asString()).isEqualTo("SHOP-101");
        assertThat(statuses(again)).containsExactly("unchanged", "unchanged", "unchanged");
        assertThat(createCalls("xray")).isEqualTo(3);
        // The found test is finished: its Gherkin set again and its link to the story made.
        assertThat(bodies(postRequestedFor(urlPathEqualTo("/rest/api/3/issueLink"))))
                .extracting(link -> link.at("/inwardIssue/key").asString())
                .containsExactly("SHOP-100", "SHOP-102", "SHOP-101");
    }

    @Test
    void aTestCaseZephyrMadeButAnsweredTooLateIsFoundByItsStoryLabelLinkedAndNotMadeAgain() throws Exception {
        stubCreates("zephyr", null, zephyrCreated(2).withFixedDelay(SLOWER_THAN_THE_READ_TIMEOUT), zephyrCreated(3));
        // Zephyr's answer never came, so neither the link nor the script was made.
        STUBS.stubFor(get(urlPathEqualTo(TEST_CASES + "/SHOP-T2")).willReturn(okJson(testCase(2, false))));
        STUBS.stubFor(get(urlPathEqualTo("/zephyr/v2/issuelinks/SHOP-12/testcases"))
                .willReturn(okJson("[{\"key\":\"SHOP-T1\",\"version\":1,"
                        + "\"self\":\"https://api.zephyrscale.smartbear.com/v2/testcases/SHOP-T1/versions/1\"}]")));
        STUBS.stubFor(get(urlPathMatching(TEST_CASES + "/SHOP-T\\d+/testscript"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errorCode\":404,\"message\":\"Test script not found\"}")));
        STUBS.stubFor(get(urlPathEqualTo(TEST_CASES))
                .withQueryParam("projectKey", equalTo("SHOP"))
                .willReturn(okJson("{\"next\":null,\"startAt\":0,\"maxResults\":1000,\"total\":3,\"isLast\":true,"
                        + "\"values\":[" + testCase(1, true) + ","
                        + testCase(7, false).replace("casewright-SHOP-12", "casewright-SHOP-7") + ","
                        + testCase(2, false) + "]}")));

        JsonNode first = publish(suite("zephyr", 3));
        JsonNode again = publish(suite("zephyr", 3));

        assertThat(statuses(first)).containsExactly("created", "created", "created");
        assertThat(keys(first)).containsExactly("SHOP-T1", "SHOP-T2", "SHOP-T3");
        assertThat(statuses(again)).containsExactly("unchanged", "unchanged", "unchanged");
        assertThat(createCalls("zephyr")).isEqualTo(3);
        assertThat(STUBS.findAll(getRequestedFor(urlPathEqualTo(TEST_CASES)))
                        .get(0)
                        .getUrl())
                .contains("projectKey=SHOP", "maxResults=1000", "startAt=0");
        // The found test case is finished: linked to the story by its numeric id, its script set.
        assertThat(STUBS.findAll(postRequestedFor(urlEqualTo(TEST_CASES + "/SHOP-T2/links/issues"))))
                .hasSize(1);
        assertThat(STUBS.findAll(postRequestedFor(urlEqualTo(TEST_CASES + "/SHOP-T2/testscript"))))
                .hasSize(1);
        // SHOP-T7 carries another story's label: left alone.
        assertThat(STUBS.findAll(putRequestedFor(urlPathMatching(TEST_CASES + "/SHOP-T\\d+"))))
                .extracting(LoggedRequest::getUrl)
                .containsExactly(TEST_CASES + "/SHOP-T2");
    }

    @Test
    void aTestCaseZephyrMadeButCouldNotLinkIsFinishedInsteadOfMadeAgain() throws Exception {
        stubCreates("zephyr");
        // The link of the second test case fails once; Zephyr is fine again a moment later.
        STUBS.stubFor(post(urlEqualTo(TEST_CASES + "/SHOP-T2/links/issues"))
                .inScenario("link")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("recovered")
                .willReturn(failure(503)));
        STUBS.stubFor(post(urlEqualTo(TEST_CASES + "/SHOP-T2/links/issues"))
                .inScenario("link")
                .whenScenarioStateIs("recovered")
                .willReturn(created("{\"id\":4,\"self\":\"https://api.zephyrscale.smartbear.com/v2/links/4\"}")));
        STUBS.stubFor(get(urlPathEqualTo(TEST_CASES + "/SHOP-T2")).willReturn(okJson(testCase(2, false))));
        STUBS.stubFor(get(urlPathEqualTo(TEST_CASES))
                .withQueryParam("projectKey", equalTo("SHOP"))
                .willReturn(okJson("{\"startAt\":0,\"maxResults\":1000,\"total\":2,\"isLast\":true," + "\"values\":["
                        + testCase(1, true) + "," + testCase(2, false) + "]}")));

        JsonNode first = publish(suite("zephyr", 3));
        JsonNode again = publish(suite("zephyr", 3));

        assertThat(statuses(first)).containsExactly("created", "created", "created");
        assertThat(keys(first)).containsExactly("SHOP-T1", "SHOP-T2", "SHOP-T3");
        assertThat(statuses(again)).containsExactly("unchanged", "unchanged", "unchanged");
        assertThat(createCalls("zephyr")).isEqualTo(3);
        assertThat(STUBS.findAll(postRequestedFor(urlEqualTo(TEST_CASES + "/SHOP-T2/links/issues"))))
                .hasSize(2);
    }

    @Test
    void aZephyrProjectTooLargeForOnePageIsReadOnlyAtItsFirstAndNewestPages() throws Exception {
        STUBS.stubFor(get(urlPathEqualTo(TEST_CASES))
                .withQueryParam("startAt", equalTo("0"))
                .willReturn(okJson("{\"startAt\":0,\"maxResults\":1000,\"total\":9500,\"isLast\":false,"
                        + "\"values\":[" + testCase(1, true) + "]}")));
        for (int page = 6; page <= 9; page++) {
            STUBS.stubFor(get(urlPathEqualTo(TEST_CASES))
                    .withQueryParam("startAt", equalTo(Integer.toString(page * 1000)))
                    .willReturn(okJson("{\"startAt\":" + page * 1000 + ",\"maxResults\":1000,\"total\":9500,"
                            + "\"isLast\":" + (page == 9) + ",\"values\":["
                            + (page == 9
                                    ? testCase(9, false)
                                    : testCase(8, true).replace("casewright-SHOP-12", "casewright-SHOP-8"))
                            + "]}")));
        }
        STUBS.stubFor(get(urlPathMatching(TEST_CASES + "/SHOP-T9/testscript"))
                .willReturn(okJson("{\"id\":2,\"type\":\"bdd\",\"text\":\"Given a cart\"}")));

        List<ExistingTest> found = target("zephyr").testsLostCreatesMayHaveLeft(user, story);

        assertThat(found).extracting(ExistingTest::key).containsExactly("SHOP-T1", "SHOP-T9");
        assertThat(STUBS.findAll(getRequestedFor(urlPathEqualTo(TEST_CASES))))
                .extracting(request -> request.queryParameter("startAt").firstValue())
                .containsExactly("0", "6000", "7000", "8000", "9000");
    }

    // --- Xray's 200 with errors, and each refusal -------------------------------------------------------

    @Test
    void anXrayAnswerCarryingErrorsFailsThatScenarioWithASafeMessageAndTheOthersGoOn() throws Exception {
        stubCreates(
                "xray",
                null,
                okJson("{\"data\":{\"createTest\":null},\"errors\":[{\"message\":\"Error parsing Gherkin near"
                        + " 'Given a cart with 2 items'\",\"locations\":[{\"line\":2,\"column\":3}],"
                        + "\"path\":[\"createTest\"]}]}"));

        JsonNode result = publish(suite("xray", 3));

        assertThat(statuses(result)).containsExactly("created", "failed", "created");
        assertThat(result.at("/results/1/error").asString())
                .contains("Xray", "1 error")
                .doesNotContain("Gherkin near", "cart with 2");
        assertThat(testsMade("xray")).isEqualTo(2);
        // Nothing was made for S2, so the same request creates it.
        JsonNode resumed = publish(suite("xray", 3));
        assertThat(statuses(resumed)).containsExactly("unchanged", "created", "unchanged");
        assertThat(testsMade("xray")).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0} answering {1} to the first create")
    @CsvSource({
        "xray,   401, 502, /problems/xray-credentials-rejected",
        "xray,   403, 502, /problems/xray-permission-denied",
        "xray,   429, 429, /problems/xray-rate-limited",
        "zephyr, 401, 502, /problems/zephyr-credentials-rejected",
        "zephyr, 403, 502, /problems/zephyr-permission-denied",
        "zephyr, 429, 429, /problems/zephyr-rate-limited"
    })
    void aRefusalOfTheWholeRequestBeforeAnyWriteIsAProblemNamingTheTargetAndNothingIsMade(
            String target, int answer, int status, String type) throws Exception {
        if (target.equals("xray") && answer == 401) {
            // Bad credentials: Xray refuses the API key at authentication.
            STUBS.stubFor(post("/xray/api/v2/authenticate")
                    .atPriority(1)
                    .willReturn(aResponse()
                            .withStatus(401)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"error\":\"Authentication failed. Invalid client credentials!\"}")));
        }
        stubCreates(target, failure(answer));

        MockHttpServletResponse response = send(suite(target, 3));

        String body = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).as(body).isEqualTo(status);
        JsonNode problem = json.readTree(body);
        assertThat(problem.path("type").asString()).isEqualTo(type);
        assertThat(problem.path("target").asString()).isEqualTo(target);
        assertThat(body).doesNotContain(XRAY_CLIENT_SECRET, ZEPHYR_TOKEN, XRAY_TOKEN, "Scenario 1");
        assertThat(response.getHeader("Retry-After")).isEqualTo(answer == 429 ? "7" : null);
        assertThat(testsMade(target)).isZero();
        assertThat(createCalls(target)).isEqualTo(target.equals("xray") && answer == 401 ? 0 : 1);
        assertThat(STUBS.findAll(putRequestedFor(urlPathEqualTo(PROPERTY)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"xray", "zephyr"})
    void aRateLimitAfterACreateStopsTheRestWithItsWaitAndTheSameRequestResumes(String target) throws Exception {
        stubCreates(target, null, failure(429));

        JsonNode first = publish(suite(target, 3));

        assertThat(statuses(first)).containsExactly("created", "failed", "failed");
        assertThat(first.at("/results/1/error").asString()).contains("429", "7 s");
        assertThat(first.at("/results/2/error").asString())
                .isEqualTo(first.at("/results/1/error").asString());
        assertThat(createCalls(target)).isEqualTo(2);

        JsonNode resumed = publish(suite(target, 3));

        assertThat(statuses(resumed)).containsExactly("unchanged", "created", "created");
        assertThat(testsMade(target)).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"xray", "zephyr"})
    void aScenarioTooLargeForTheTargetFailsAloneAndTheOthersGoOn(String target) throws Exception {
        stubCreates(target, failure(413));

        JsonNode result = publish(suite(target, 3));

        assertThat(statuses(result)).containsExactly("failed", "created", "created");
        assertThat(result.at("/results/0/error").asString()).contains("too large", "413");
        assertThat(testsMade(target)).isEqualTo(2);
    }

    @Test
    void aTargetWithoutCredentialsIsAConflictAndNothingIsSentToIt() throws Exception {
        credentials("", "", "");
        Supplier<Integer> targetCalls = () -> STUBS.findAll(postRequestedFor(urlPathMatching("/(xray|zephyr)/.*")))
                .size();

        MockHttpServletResponse xray = send(suite("xray", 1));
        MockHttpServletResponse zephyr = send(suite("zephyr", 1));

        assertThat(xray.getStatus()).isEqualTo(409);
        assertThat(xray.getContentAsString(StandardCharsets.UTF_8)).contains("/problems/xray-not-configured");
        assertThat(zephyr.getStatus()).isEqualTo(409);
        assertThat(zephyr.getContentAsString(StandardCharsets.UTF_8)).contains("/problems/zephyr-not-configured");
        assertThat(targetCalls.get()).isZero();
    }
}
