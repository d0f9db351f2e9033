package dev.casewright.publishing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.casewright.settings.SettingsChanges;
import dev.casewright.settings.TenantSettings;
import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.StubJira;
import dev.casewright.tenancy.Tenants;
import dev.casewright.tenancy.TestTenants;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishing to Jira end to end against a stub Jira shaped like Jira Cloud: what we send (checked
 * against Jira's OpenAPI request schemas), what we record on the story, and that no retry, resume
 * or repeated click ever creates a test twice.
 */
@SpringBootTest(
        properties = {
            "casewright.jira.initial-backoff=PT0.01S",
            "casewright.jira.max-backoff=PT0.05S",
            // Short, so a create that Jira answers too late is a test of seconds, not minutes.
            "casewright.connect.read-timeout=PT1S"
        })
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
class PublicationsIntegrationTests {

    static final WireMockServer JIRA = StubJira.SERVER;
    static final String PROPERTY = "/rest/api/3/issue/SHOP-12/properties/casewright.publications";
    static final String CREATE = "/rest/api/3/issue";
    static final String LINK = "/rest/api/3/issueLink";
    static final String SEARCH = "/rest/api/3/search/jql";

    @DynamicPropertySource
    static void stubs(DynamicPropertyRegistry registry) {
        StubJira.register(registry);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Tenants tenants;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TenantSettings settings;

    private final JsonMapper json = JsonMapper.shared();
    private final JiraRequestBodies schemas = new JiraRequestBodies();
    private HostUser user;

    @BeforeEach
    void aStoryOnAStubSite() {
        StubJira.reset();
        stubStory(List.of());
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/createmeta/SHOP/issuetypes"))
                .willReturn(okJson("""
                        {"issueTypes":[
                          {"id":"10001","name":"Story","subtask":false,"hierarchyLevel":0},
                          {"id":"10005","name":"Test","subtask":false,"hierarchyLevel":0},
                          {"id":"10003","name":"Sub-task","subtask":true,"hierarchyLevel":-1}],
                         "startAt":0,"maxResults":50,"total":3}""")));
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issueLinkType")).willReturn(okJson("""
                        {"issueLinkTypes":[
                          {"id":"10000","name":"Blocks","inward":"is blocked by","outward":"blocks",
                           "self":"https://example-site.atlassian.net/rest/api/3/issueLinkType/10000"},
                          {"id":"10003","name":"Relates","inward":"relates to","outward":"relates to",
                           "self":"https://example-site.atlassian.net/rest/api/3/issueLinkType/10003"},
                          {"id":"10007","name":"Tests","inward":"is tested by","outward":"tests",
                           "self":"https://example-site.atlassian.net/rest/api/3/issueLinkType/10007"}]}""")));
        JIRA.stubFor(get(urlPathEqualTo(PROPERTY))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errorMessages\":[\"The property with key 'casewright.publications' does not"
                                + " exist.\"],\"errors\":{}}")));
        JIRA.stubFor(put(urlPathEqualTo(PROPERTY)).willReturn(aResponse().withStatus(200)));
        JIRA.stubFor(post(urlPathEqualTo(LINK)).willReturn(aResponse().withStatus(201)));
        JIRA.stubFor(put(urlPathMatching("/rest/api/3/issue/SHOP-\\d+"))
                .willReturn(aResponse().withStatus(204)));
        JIRA.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(okJson("{\"issues\":[],\"isLast\":true}")));
        user = new HostUser(TestTenants.newSite(tenants, URI.create(JIRA.baseUrl())), "5b10a2844c20165700ede21g");
    }

    // --- the stub Jira -------------------------------------------------------------------------------

    private static void stubStory(List<String> issueLinks) {
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/SHOP-12"))
                .willReturn(okJson("""
                {"id":"10012","key":"SHOP-12","self":"https://example-site.atlassian.net/rest/api/3/issue/10012",
                 "fields":{"summary":"Checkout with a saved card",
                   "issuetype":{"id":"10001","name":"Story","subtask":false},
                   "project":{"id":"10000","key":"SHOP","name":"Shop"},
                   "status":{"name":"In Progress"},"labels":[],"components":[],"attachment":[],"subtasks":[],
                   "issuelinks":[%s]},
                 "names":{"summary":"Summary"}}""".formatted(String.join(",", issueLinks)))));
    }

    /** Creates answer with SHOP-100, SHOP-101, ... in turn; {@code null} entries answer with that failure instead. */
    private static void stubCreates(ResponseDefinitionBuilder... failures) {
        int issue = 100;
        for (int i = 0; i < 12; i++) {
            ResponseDefinitionBuilder response = i < failures.length && failures[i] != null
                    ? failures[i]
                    : aResponse()
                            .withStatus(201)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"id\":\"" + (10100 + issue) + "\",\"key\":\"SHOP-" + issue
                                    + "\",\"self\":\"https://example-site.atlassian.net/rest/api/3/issue/"
                                    + (10100 + issue) + "\"}");
            if (i >= failures.length || failures[i] == null) {
                issue++;
            }
            JIRA.stubFor(post(urlPathEqualTo(CREATE))
                    .inScenario("creates")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "create-" + i)
                    .willSetStateTo("create-" + (i + 1))
                    .willReturn(response));
        }
    }

    /** Jira keeps what was PUT: the next read of the property returns the last value written. */
    private static void keepTheWrittenProperty() {
        List<LoggedRequest> writes = JIRA.findAll(putRequestedFor(urlPathEqualTo(PROPERTY)));
        if (!writes.isEmpty()) {
            String value = writes.get(writes.size() - 1).getBodyAsString();
            JIRA.stubFor(get(urlPathEqualTo(PROPERTY))
                    .willReturn(okJson("{\"key\":\"casewright.publications\",\"value\":" + value + "}")));
        }
    }

    private static List<JsonNode> bodies(RequestPatternBuilder pattern) {
        List<JsonNode> bodies = new ArrayList<>();
        JIRA.findAll(pattern).forEach(request -> bodies.add(JsonMapper.shared().readTree(request.getBodyAsString())));
        return bodies;
    }

    private static int count(RequestPatternBuilder pattern) {
        return JIRA.findAll(pattern).size();
    }

    private static int createdIssues() {
        return (int) JIRA.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getMethod().getName().equals("POST")
                        && event.getRequest().getUrl().equals(CREATE)
                        && event.getResponse().getStatus() == 201)
                .count();
    }

    // --- requests --------------------------------------------------------------------------------------

    private static String scenario(String id, String title, String... steps) {
        String gherkin = "@checkout @saved-card\nScenario: " + title + "\n  " + String.join("\n  ", steps);
        return "{\"id\":\"" + id + "\",\"title\":\"" + title + "\",\"gherkin\":" + quote(gherkin) + "}";
    }

    private static String threeScenarios() {
        return suite(
                scenario("S1", "Pay with a saved card", "Given a saved card", "When I pay", "Then the order is paid"),
                scenario("S2", "Expired card is refused", "Given an expired card", "When I pay", "Then I see an error"),
                scenario("S3", "Remove a saved card", "Given a saved card", "When I remove it", "Then it is gone"));
    }

    private static String suite(String... scenarios) {
        return suiteWithOptions(null, scenarios);
    }

    private static String suiteWithOptions(@Nullable String options, String... scenarios) {
        return "{\"target\":\"jira\",\"featureName\":\"Checkout\",\"language\":\"en\",\"scenarios\":["
                + String.join(",", scenarios) + "]" + (options == null ? "" : ",\"options\":" + options) + "}";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private MockHttpServletResponse send(String body, @Nullable String idempotencyKey) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post("/api/issues/SHOP-12/publications")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .with(authentication(TestTenants.caller(user)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        keepTheWrittenProperty();
        return response;
    }

    private JsonNode publish(String body) throws Exception {
        return publish(body, null);
    }

    private JsonNode publish(String body, @Nullable String idempotencyKey) throws Exception {
        MockHttpServletResponse response = send(body, idempotencyKey);
        assertThat(response.getStatus())
                .as(response.getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo(200);
        return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }

    private static List<String> statuses(JsonNode result) {
        List<String> statuses = new ArrayList<>();
        result.path("results").forEach(r -> statuses.add(r.path("status").asString()));
        return statuses;
    }

    private JsonNode storedRecord() {
        List<LoggedRequest> writes = JIRA.findAll(putRequestedFor(urlPathEqualTo(PROPERTY)));
        assertThat(writes).isNotEmpty();
        return json.readTree(writes.get(writes.size() - 1).getBodyAsString());
    }

    // --- creating, linking, recording ------------------------------------------------------------------

    @Test
    void threeScenariosBecomeThreeTestIssuesThatEachTestTheStoryAndTheStoryRecordsThem() throws Exception {
        stubCreates();

        JsonNode result = publish(threeScenarios());

        assertThat(statuses(result)).containsExactly("created", "created", "created");
        assertThat(result.at("/results/0/key").asString()).isEqualTo("SHOP-100");
        assertThat(result.at("/results/0/url").asString()).isEqualTo(JIRA.baseUrl() + "/browse/SHOP-100");
        assertThat(result.at("/results/0/title").asString()).isEqualTo("Pay with a saved card");
        assertThat(result.at("/results/0/error").isNull()).isTrue();

        List<JsonNode> creates = bodies(postRequestedFor(urlPathEqualTo(CREATE)));
        assertThat(creates).hasSize(3);
        for (JsonNode create : creates) {
            assertThat(schemas.problems("/rest/api/3/issue", "post", create)).isEmpty();
        }
        JsonNode fields = creates.get(1).path("fields");
        assertThat(fields.at("/project/key").asString()).isEqualTo("SHOP");
        assertThat(fields.at("/issuetype/id").asString()).isEqualTo("10005");
        assertThat(fields.has("parent")).isFalse();
        assertThat(fields.path("summary").asString()).isEqualTo("Expired card is refused");
        assertThat(fields.at("/description/type").asString()).isEqualTo("doc");
        JsonNode codeBlock = fields.at("/description/content/1");
        assertThat(codeBlock.path("type").asString()).isEqualTo("codeBlock");
        assertThat(codeBlock.at("/attrs/language").asString()).isEqualTo("gherkin");
        assertThat(codeBlock.at("/content/0/text").asString())
                .startsWith("@checkout @saved-card")
                .contains("Scenario: Expired card is refused", "Given an expired card");
        List<String> labels = new ArrayList<>();
        fields.path("labels").forEach(label -> labels.add(label.asString()));
        assertThat(labels).containsExactly("casewright", "casewright-shop-12", "checkout", "saved-card");
        assertThat(labels).allMatch(label -> !label.contains(" "));

        List<JsonNode> links = bodies(postRequestedFor(urlPathEqualTo(LINK)));
        assertThat(links).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode link = links.get(i);
            assertThat(schemas.problems("/rest/api/3/issueLink", "post", link)).isEmpty();
            // "SHOP-10x tests SHOP-12": the test is the subject, which Jira wants in inwardIssue.
            assertThat(link.at("/type/name").asString()).isEqualTo("Tests");
            assertThat(link.at("/inwardIssue/key").asString()).isEqualTo("SHOP-" + (100 + i));
            assertThat(link.at("/outwardIssue/key").asString()).isEqualTo("SHOP-12");
        }

        // Written after each create, so a crash half-way loses nothing that was created.
        assertThat(count(putRequestedFor(urlPathEqualTo(PROPERTY)))).isEqualTo(3);
        JsonNode record = storedRecord();
        assertThat(schemas.problems("/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}", "put", record))
                .isEmpty();
        assertThat(record.at("/targets/jira/S2/key").asString()).isEqualTo("SHOP-101");
        assertThat(record.at("/targets/jira/S2/fingerprint").asString()).hasSize(64);
        assertThat(record.at("/targets/jira/S2/version").asInt()).isEqualTo(1);
        // Ids, keys and hashes only: anyone who can browse the story can read its properties.
        assertThat(record.toString()).doesNotContain("saved card", "Given");

        Map<String, Object> usage = jdbc.queryForMap(
                "select * from usage_event where tenant_id = ? order by id desc limit 1",
                user.tenant().value());
        assertThat(usage).containsEntry("OPERATION", "publish.jira").containsEntry("OUTCOME", "ok");
        assertThat(((Number) usage.get("SCENARIOS")).intValue()).isEqualTo(3);
    }

    @Test
    void publishingTheSameSuiteThreeTimesCreatesEachTestOnceAndReportsTheRestUnchanged() throws Exception {
        stubCreates();

        JsonNode first = publish(threeScenarios());
        JsonNode second = publish(threeScenarios());
        JsonNode third = publish(threeScenarios());

        assertThat(statuses(first)).containsExactly("created", "created", "created");
        assertThat(statuses(second)).containsExactly("unchanged", "unchanged", "unchanged");
        assertThat(statuses(third)).containsExactly("unchanged", "unchanged", "unchanged");
        assertThat(third.at("/results/2/key").asString()).isEqualTo("SHOP-102");
        assertThat(count(postRequestedFor(urlPathEqualTo(CREATE)))).isEqualTo(3);
        assertThat(count(putRequestedFor(urlPathMatching("/rest/api/3/issue/SHOP-1\\d\\d"))))
                .isZero();
        assertThat(count(postRequestedFor(urlPathEqualTo(LINK)))).isEqualTo(3);
    }

    @Test
    void editingOneScenarioUpdatesExactlyThatTestAndLeavesTheOthersAlone() throws Exception {
        stubCreates();
        publish(threeScenarios());

        JsonNode edited = publish(suite(
                scenario("S1", "Pay with a saved card", "Given a saved card", "When I pay", "Then the order is paid"),
                scenario(
                        "S2",
                        "Expired card is refused",
                        "Given an expired card",
                        "When I pay",
                        "Then I see \\\"Card expired\\\""),
                scenario("S3", "Remove a saved card", "Given a saved card", "When I remove it", "Then it is gone")));

        assertThat(statuses(edited)).containsExactly("unchanged", "updated", "unchanged");
        assertThat(edited.at("/results/1/key").asString()).isEqualTo("SHOP-101");
        assertThat(count(postRequestedFor(urlPathEqualTo(CREATE)))).isEqualTo(3);
        List<JsonNode> updates = bodies(putRequestedFor(urlPathMatching("/rest/api/3/issue/SHOP-1\\d\\d")));
        assertThat(updates).hasSize(1);
        assertThat(JIRA.findAll(putRequestedFor(urlPathMatching("/rest/api/3/issue/SHOP-1\\d\\d")))
                        .get(0)
                        .getUrl())
                .isEqualTo("/rest/api/3/issue/SHOP-101");
        assertThat(schemas.problems("/rest/api/3/issue/{issueIdOrKey}", "put", updates.get(0)))
                .isEmpty();
        assertThat(updates.get(0)
                        .at("/fields/description/content/1/content/0/text")
                        .asString())
                .contains("Card expired");
        // Labels people added to the test stay: ours are added, never set.
        assertThat(updates.get(0).at("/fields/labels").isMissingNode()).isTrue();
        assertThat(updates.get(0).at("/update/labels/0/add").asString()).isEqualTo("casewright");
        assertThat(storedRecord().at("/targets/jira/S2/version").asInt()).isEqualTo(2);
    }

    /** A scenario whose title (what the test's summary is made of) differs from its Gherkin's Scenario line. */
    private static String retitled(String id, String title, String gherkinTitle, String... steps) {
        String gherkin = "@checkout @saved-card\nScenario: " + gherkinTitle + "\n  " + String.join("\n  ", steps);
        return "{\"id\":\"" + id + "\",\"title\":\"" + title + "\",\"gherkin\":" + quote(gherkin) + "}";
    }

    @Test
    void aTitleEditedWithoutItsGherkinRenamesExactlyThatTestAndThenIsUnchanged() throws Exception {
        stubCreates();
        publish(threeScenarios());
        String hashBefore = storedRecord().at("/targets/jira/S2/titleHash").asString();
        String renamedSuite = suite(
                scenario("S1", "Pay with a saved card", "Given a saved card", "When I pay", "Then the order is paid"),
                retitled(
                        "S2",
                        "Refuse a card that has expired",
                        "Expired card is refused",
                        "Given an expired card",
                        "When I pay",
                        "Then I see an error"),
                scenario("S3", "Remove a saved card", "Given a saved card", "When I remove it", "Then it is gone"));

        JsonNode renamed = publish(renamedSuite);

        assertThat(statuses(renamed)).containsExactly("unchanged", "updated", "unchanged");
        assertThat(renamed.at("/results/1/key").asString()).isEqualTo("SHOP-101");
        assertThat(count(postRequestedFor(urlPathEqualTo(CREATE)))).isEqualTo(3);
        List<LoggedRequest> updates = JIRA.findAll(putRequestedFor(urlPathMatching("/rest/api/3/issue/SHOP-1\\d\\d")));
        assertThat(updates).extracting(LoggedRequest::getUrl).containsExactly("/rest/api/3/issue/SHOP-101");
        JsonNode update = json.readTree(updates.get(0).getBodyAsString());
        assertThat(schemas.problems("/rest/api/3/issue/{issueIdOrKey}", "put", update))
                .isEmpty();
        assertThat(update.at("/fields/summary").asString()).isEqualTo("Refuse a card that has expired");
        JsonNode record = storedRecord();
        assertThat(record.at("/targets/jira/S2/titleHash").asString())
                .hasSize(12)
                .isNotEqualTo(hashBefore);
        assertThat(record.at("/targets/jira/S2/version").asInt()).isEqualTo(2);
        assertThat(record.toString()).doesNotContain("Refuse", "expired");

        JsonNode again = publish(renamedSuite);

        assertThat(statuses(again)).containsExactly("unchanged", "unchanged", "unchanged");
        assertThat(count(putRequestedFor(urlPathMatching("/rest/api/3/issue/SHOP-1\\d\\d"))))
                .isEqualTo(1);
    }

    @Test
    void aRecordWrittenBeforeTitlesWereComparedRenamesNothingAndGainsTheHashWithTheNextUpdate() throws Exception {
        stubCreates();
        publish(threeScenarios());
        // The record as an older Casewright wrote it: fingerprints, no title hashes.
        ObjectNode old = (ObjectNode) storedRecord();
        old.path("targets").path("jira").forEach(entry -> ((ObjectNode) entry).remove("titleHash"));
        JIRA.stubFor(get(urlPathEqualTo(PROPERTY))
                .willReturn(okJson("{\"key\":\"casewright.publications\",\"value\":" + old + "}")));

        JsonNode result = publish(suite(
                retitled(
                        "S1",
                        "Pay by saved card",
                        "Pay with a saved card",
                        "Given a saved card",
                        "When I pay",
                        "Then the order is paid"),
                scenario(
                        "S2",
                        "Expired card is refused",
                        "Given an expired card",
                        "When I pay",
                        "Then I see \\\"Card expired\\\""),
                scenario("S3", "Remove a saved card", "Given a saved card", "When I remove it", "Then it is gone")));

        // Titles unknown: compared by fingerprint only, so only the edited Gherkin updates a test.
        assertThat(statuses(result)).containsExactly("unchanged", "updated", "unchanged");
        assertThat(JIRA.findAll(putRequestedFor(urlPathMatching("/rest/api/3/issue/SHOP-1\\d\\d"))))
                .extracting(LoggedRequest::getUrl)
                .containsExactly("/rest/api/3/issue/SHOP-101");
        JsonNode record = storedRecord();
        assertThat(record.at("/targets/jira/S1/titleHash").isMissingNode()).isTrue();
        assertThat(record.at("/targets/jira/S2/titleHash").asString()).hasSize(12);
        assertThat(record.at("/targets/jira/S3/titleHash").isMissingNode()).isTrue();
    }

    @Test
    void aSubTaskUnderTheStoryAndARelatesLinkWhenTheSiteHasNoTestTypes() throws Exception {
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/createmeta/SHOP/issuetypes"))
                .willReturn(okJson("""
                        {"issueTypes":[
                          {"id":"10001","name":"Story","subtask":false},
                          {"id":"10002","name":"Task","subtask":false},
                          {"id":"10003","name":"Sub-task","subtask":true}],
                         "startAt":0,"maxResults":50,"total":3}""")));
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issueLinkType")).willReturn(okJson("""
                        {"issueLinkTypes":[
                          {"id":"10000","name":"Blocks","inward":"is blocked by","outward":"blocks"},
                          {"id":"10003","name":"Relates","inward":"relates to","outward":"relates to"}]}""")));
        stubCreates();

        publish(suite(scenario("S1", "Pay with a saved card", "Given a saved card", "When I pay")));

        JsonNode fields =
                bodies(postRequestedFor(urlPathEqualTo(CREATE))).get(0).path("fields");
        assertThat(fields.at("/issuetype/id").asString()).isEqualTo("10003");
        assertThat(fields.at("/parent/key").asString()).isEqualTo("SHOP-12");
        JsonNode link = bodies(postRequestedFor(urlPathEqualTo(LINK))).get(0);
        assertThat(link.at("/type/name").asString()).isEqualTo("Relates");
        assertThat(link.at("/inwardIssue/key").asString()).isEqualTo("SHOP-100");
    }

    /** The Jira publishing options as an administrator saves them; {@code ""} for the automatic choice. */
    private void jiraOptions(String issueType, String linkType) {
        settings.update(user, SettingsChanges.publishingOptions(issueType, linkType, null));
    }

    @Test
    void theIssueTypeAndLinkTypeAnAdministratorNamedAreUsedInsteadOfTheAutomaticChoice() throws Exception {
        jiraOptions("sub-task", "Relates");
        stubCreates();

        publish(suite(scenario("S1", "Pay with a saved card", "Given a saved card", "When I pay")));

        // The site has "Test" and "Tests", which the automatic choice would take.
        JsonNode fields =
                bodies(postRequestedFor(urlPathEqualTo(CREATE))).get(0).path("fields");
        assertThat(fields.at("/issuetype/id").asString()).isEqualTo("10003");
        assertThat(fields.at("/parent/key").asString()).isEqualTo("SHOP-12");
        JsonNode link = bodies(postRequestedFor(urlPathEqualTo(LINK))).get(0);
        assertThat(schemas.problems("/rest/api/3/issueLink", "post", link)).isEmpty();
        assertThat(link.at("/type/name").asString()).isEqualTo("Relates");
        assertThat(link.at("/inwardIssue/key").asString()).isEqualTo("SHOP-100");
        assertThat(link.at("/outwardIssue/key").asString()).isEqualTo("SHOP-12");

        jiraOptions("", "");
        publish(suite(scenario("S2", "Expired card is refused", "Given an expired card", "When I pay")));

        JsonNode automatic =
                bodies(postRequestedFor(urlPathEqualTo(CREATE))).get(1).path("fields");
        assertThat(automatic.at("/issuetype/id").asString()).isEqualTo("10005");
        assertThat(bodies(postRequestedFor(urlPathEqualTo(LINK)))
                        .get(1)
                        .at("/type/name")
                        .asString())
                .isEqualTo("Tests");
    }

    @Test
    void aConfiguredTypeTheSiteDoesNotOfferFailsWithItsNameAndCreatesNothing() throws Exception {
        stubCreates();
        jiraOptions("Acceptance Test", "");

        JsonNode wrongType = publish(threeScenarios());

        assertThat(statuses(wrongType)).containsExactly("failed", "failed", "failed");
        assertThat(wrongType.at("/results/0/error").asString())
                .contains("no issue type named \"Acceptance Test\"", "SHOP");

        jiraOptions("", "Verifies");
        JsonNode wrongLink = publish(threeScenarios());

        assertThat(statuses(wrongLink)).containsExactly("failed", "failed", "failed");
        assertThat(wrongLink.at("/results/0/error").asString()).contains("no issue link type named \"Verifies\"");
        assertThat(count(postRequestedFor(urlPathEqualTo(CREATE)))).isZero();
        assertThat(count(postRequestedFor(urlPathEqualTo(LINK)))).isZero();
    }

    @Test
    void aScenarioTooLongForADescriptionIsAttachedToItsTestAsAFeatureFile() throws Exception {
        stubCreates();
        JIRA.stubFor(post(urlPathEqualTo("/rest/api/3/issue/SHOP-100/attachments"))
                .withHeader("X-Atlassian-Token", equalTo("no-check"))
                .willReturn(okJson("""
                        [{"id":"10301","filename":"checkout.feature","mimeType":"text/plain","size":36000,
                          "created":"2026-12-03T10:00:00.000+0000"}]""")));
        String[] steps = new String[650];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = "And the basket holds item number " + i + " of the order";
        }
        steps[0] = "Given a basket";

        JsonNode result = publish(suite(scenario("S1", "A very large basket", steps)));

        assertThat(statuses(result)).containsExactly("created");
        JsonNode description =
                bodies(postRequestedFor(urlPathEqualTo(CREATE))).get(0).at("/fields/description");
        assertThat(json.writeValueAsString(description).length()).isLessThanOrEqualTo(32_767);
        assertThat(description.toString()).contains("checkout.feature");
        List<LoggedRequest> uploads =
                JIRA.findAll(postRequestedFor(urlPathEqualTo("/rest/api/3/issue/SHOP-100/attachments")));
        assertThat(uploads).hasSize(1);
        assertThat(uploads.get(0).getBodyAsString()).contains("Feature: Checkout", "item number 649 of the order");
    }

    // --- failures and resuming -------------------------------------------------------------------------

    private static String fiveScenarios() {
        List<String> scenarios = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            scenarios.add(scenario("S" + i, "Case " + i, "Given case " + i, "Then it works"));
        }
        return suite(scenarios.toArray(String[]::new));
    }

    @Test
    void aServerErrorOnTheThirdOfFiveCreatesFailsOnlyThatOneAndTheSameRequestResumes() throws Exception {
        stubCreates(
                null,
                null,
                aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errorMessages\":[\"Internal server error\"],\"errors\":{}}"));

        JsonNode first = publish(fiveScenarios());

        assertThat(statuses(first)).containsExactly("created", "created", "failed", "created", "created");
        assertThat(first.at("/results/2/error").asString()).contains("HTTP 500");
        assertThat(first.at("/results/2/key").isNull()).isTrue();

        JsonNode resumed = publish(fiveScenarios());

        assertThat(statuses(resumed)).containsExactly("unchanged", "unchanged", "created", "unchanged", "unchanged");
        assertThat(createdIssues()).isEqualTo(5);
        assertThat(count(postRequestedFor(urlPathEqualTo(CREATE)))).isEqualTo(6);
        List<String> keys = new ArrayList<>();
        resumed.path("results").forEach(r -> keys.add(r.path("key").asString()));
        assertThat(keys).doesNotHaveDuplicates().hasSize(5);
    }

    @Test
    void aCreateThatReachesJiraButAnswersTooLateIsFoundOnResumeInsteadOfCreatedTwice() throws Exception {
        JIRA.stubFor(post(urlPathEqualTo(CREATE))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"id\":\"10200\",\"key\":\"SHOP-100\",\"self\":\"https://example-site.atlassian.net/rest/api/3/issue/10200\"}")
                        .withFixedDelay(2_500)));
        String request = suite(scenario("S1", "Pay with a saved card", "Given a saved card", "When I pay"));

        JsonNode first = publish(request);

        assertThat(statuses(first)).containsExactly("failed");
        assertThat(first.at("/results/0/error").asString()).contains("may have been created");
        assertThat(storedRecord().at("/targets/jira/S1/pending").asBoolean()).isTrue();
        assertThat(count(postRequestedFor(urlPathEqualTo(LINK)))).isZero();

        // By now Jira's search sees the issue the late create made (its labels name the story).
        JIRA.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(okJson("""
                {"issues":[{"id":"10200","key":"SHOP-100","fields":{"summary":"Pay with a saved card",
                  "labels":["casewright","casewright-shop-12","checkout","saved-card"],
                  "description":{"type":"doc","version":1,"content":[]}}}],"isLast":true}""")));

        JsonNode resumed = publish(request);

        assertThat(statuses(resumed)).containsExactly("created");
        assertThat(resumed.at("/results/0/key").asString()).isEqualTo("SHOP-100");
        assertThat(count(postRequestedFor(urlPathEqualTo(CREATE)))).isEqualTo(1);
        // The found test gets its content and the link it never got.
        assertThat(count(putRequestedFor(urlPathEqualTo("/rest/api/3/issue/SHOP-100"))))
                .isEqualTo(1);
        JsonNode link = bodies(postRequestedFor(urlPathEqualTo(LINK))).get(0);
        assertThat(link.at("/inwardIssue/key").asString()).isEqualTo("SHOP-100");
        assertThat(storedRecord().at("/targets/jira/S1/key").asString()).isEqualTo("SHOP-100");
        assertThat(storedRecord().at("/targets/jira/S1/pending").isMissingNode())
                .isTrue();
        String search =
                JIRA.findAll(postRequestedFor(urlPathEqualTo(SEARCH))).get(0).getBodyAsString();
        assertThat(search).contains("labels = \\\"casewright-shop-12\\\"");
    }

    @Test
    void aTestThatWasCreatedButNotLinkedIsFinishedOnResumeNotCreatedAgain() throws Exception {
        stubCreates();
        JIRA.stubFor(
                post(urlPathEqualTo(LINK))
                        .willReturn(
                                aResponse()
                                        .withStatus(403)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"errorMessages\":[\"You do not have the permission to link issues.\"],\"errors\":{}}")));
        String request = suite(scenario("S1", "Pay with a saved card", "Given a saved card", "When I pay"));

        JsonNode first = publish(request);

        assertThat(statuses(first)).containsExactly("failed");
        assertThat(first.at("/results/0/error").asString()).contains("SHOP-100 was created but could not be linked");
        assertThat(storedRecord().at("/targets/jira/S1/pending").asBoolean()).isTrue();

        JIRA.stubFor(post(urlPathEqualTo(LINK)).willReturn(aResponse().withStatus(201)));
        JIRA.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(okJson("""
                {"issues":[{"id":"10200","key":"SHOP-100","fields":{"summary":"Pay with a saved card",
                  "labels":["casewright","casewright-shop-12"],"description":null}}],"isLast":true}""")));

        JsonNode resumed = publish(request);

        assertThat(statuses(resumed)).containsExactly("created");
        assertThat(resumed.at("/results/0/key").asString()).isEqualTo("SHOP-100");
        assertThat(createdIssues()).isEqualTo(1);
        List<JsonNode> links = bodies(postRequestedFor(urlPathEqualTo(LINK)));
        assertThat(links.get(links.size() - 1).at("/inwardIssue/key").asString())
                .isEqualTo("SHOP-100");
    }

    @Test
    void rejectedCredentialsRefuseThePublicationAsAProblemWhenNothingWasWritten() throws Exception {
        JIRA.stubFor(post(urlPathEqualTo(CREATE)).willReturn(aResponse().withStatus(401)));

        MockHttpServletResponse response = send(threeScenarios(), null);

        assertThat(response.getStatus()).isEqualTo(502);
        JsonNode problem = json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
        assertThat(problem.path("type").asString()).isEqualTo("/problems/jira-credentials-rejected");
        assertThat(problem.path("target").asString()).isEqualTo("jira");
        assertThat(count(postRequestedFor(urlPathEqualTo(CREATE)))).isEqualTo(1);
    }

    @Test
    void aMissingPermissionRefusesThePublicationAsAProblem() throws Exception {
        JIRA.stubFor(
                post(urlPathEqualTo(CREATE))
                        .willReturn(
                                aResponse()
                                        .withStatus(403)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"errorMessages\":[\"You do not have permission to create issues in this project.\"],\"errors\":{}}")));

        MockHttpServletResponse response = send(threeScenarios(), null);

        assertThat(response.getStatus()).isEqualTo(502);
        assertThat(json.readTree(response.getContentAsString(StandardCharsets.UTF_8))
                        .path("type")
                        .asString())
                .isEqualTo("/problems/jira-permission-denied");
        assertThat(count(postRequestedFor(urlPathEqualTo(CREATE)))).isEqualTo(1);
    }

    @Test
    void aRateLimitBeforeAnyWriteIsATooManyRequestsProblemWithRetryAfter() throws Exception {
        JIRA.stubFor(post(urlPathEqualTo(CREATE))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "7")
                        .withHeader("RateLimit-Reason", "jira-burst-based")));

        MockHttpServletResponse response = send(threeScenarios(), null);

        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getHeader("Retry-After")).isEqualTo("7");
        assertThat(json.readTree(response.getContentAsString(StandardCharsets.UTF_8))
                        .path("type")
                        .asString())
                .isEqualTo("/problems/jira-rate-limited");
        // A create is never retried, not even after a 429.
        assertThat(count(postRequestedFor(urlPathEqualTo(CREATE)))).isEqualTo(1);
    }

    @Test
    void aRateLimitAfterACreateStopsTheRestWithThatMessageAndTheSameRequestResumes() throws Exception {
        stubCreates(null, aResponse().withStatus(429).withHeader("Retry-After", "7"));

        JsonNode first = publish(threeScenarios());

        assertThat(statuses(first)).containsExactly("created", "failed", "failed");
        assertThat(first.at("/results/1/error").asString()).contains("rate limiting", "7 s");
        assertThat(first.at("/results/2/error").asString())
                .isEqualTo(first.at("/results/1/error").asString());
        assertThat(count(postRequestedFor(urlPathEqualTo(CREATE)))).isEqualTo(2);

        JsonNode resumed = publish(threeScenarios());

        assertThat(statuses(resumed)).containsExactly("unchanged", "created", "created");
        assertThat(createdIssues()).isEqualTo(3);
    }

    @Test
    void aTooLargeAnswerFailsThatScenarioAndTheOthersGoOn() throws Exception {
        stubCreates(aResponse()
                .withStatus(413)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[\"The issue link limit was reached.\"],\"errors\":{}}"));

        JsonNode result = publish(threeScenarios());

        assertThat(statuses(result)).containsExactly("failed", "created", "created");
        assertThat(result.at("/results/0/error").asString()).contains("HTTP 413", "link limit");
    }

    @Test
    void invalidGherkinIsRefusedWithTheParsersMessageBeforeAnythingIsWritten() throws Exception {
        String request = suite(
                scenario("S1", "Pay with a saved card", "Given a saved card", "When I pay"),
                "{\"id\":\"S2\",\"title\":\"Broken\",\"gherkin\":\"Given a step without a scenario\"}");

        MockHttpServletResponse response = send(request, null);

        assertThat(response.getStatus()).isEqualTo(400);
        JsonNode problem = json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
        assertThat(problem.path("type").asString()).isEqualTo("/problems/invalid-scenario");
        assertThat(problem.path("scenarioId").asString()).isEqualTo("S2");
        assertThat(problem.path("detail").asString()).contains("S2", "(1:");
        assertThat(JIRA.findAll(anyRequestedFor(urlPathMatching("/rest/api/3/.*"))))
                .isEmpty();
    }

    @Test
    void requestsOutsideTheLimitsAreRefusedWithClearProblems() throws Exception {
        List<String> many = new ArrayList<>();
        for (int i = 1; i <= 51; i++) {
            many.add(scenario("S" + i, "Case " + i, "Given case " + i));
        }
        MockHttpServletResponse tooMany = send(suite(many.toArray(String[]::new)), null);
        MockHttpServletResponse unknown = send(threeScenarios().replace("\"jira\"", "\"testrail\""), null);
        MockHttpServletResponse commentElsewhere = send(
                suiteWithOptions("{\"mode\":\"comment\"}", scenario("S1", "A", "Given a"))
                        .replace("\"jira\"", "\"zephyr\""),
                null);
        MockHttpServletResponse longGherkin = send(
                suite("{\"id\":\"S1\",\"title\":\"Long\",\"gherkin\":"
                        + quote("Scenario: Long\n  Given " + "x".repeat(40_001)) + "}"),
                null);

        assertThat(tooMany.getStatus()).isEqualTo(400);
        assertThat(tooMany.getContentAsString(StandardCharsets.UTF_8))
                .contains("/problems/invalid-publication", "At most 50");
        assertThat(unknown.getStatus()).isEqualTo(400);
        assertThat(unknown.getContentAsString(StandardCharsets.UTF_8)).contains("/problems/unknown-target");
        assertThat(commentElsewhere.getStatus()).isEqualTo(400);
        assertThat(longGherkin.getStatus()).isEqualTo(400);
        assertThat(longGherkin.getContentAsString(StandardCharsets.UTF_8)).contains("at most 40000");
        assertThat(JIRA.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    // --- idempotency key, comment mode, feature file ---------------------------------------------------

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstResultWithoutWritingAnythingAgain() throws Exception {
        stubCreates();
        JsonNode first = publish(threeScenarios(), "click-7f3a");
        int writesAfterFirst = JIRA.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(request -> !request.getMethod().getName().equals("GET"))
                .toList()
                .size();

        JsonNode repeated = publish(threeScenarios(), "click-7f3a");

        assertThat(repeated.path("results")).isEqualTo(first.path("results"));
        int writesAfterRepeat = JIRA.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(request -> !request.getMethod().getName().equals("GET"))
                .toList()
                .size();
        assertThat(writesAfterRepeat).isEqualTo(writesAfterFirst);
        assertThat(count(postRequestedFor(urlPathEqualTo(SEARCH)))).isZero();
        assertThat(storedRecord().path("idempotency").get(0).path("key").asString())
                .hasSize(32)
                .doesNotContain("click");

        MockHttpServletResponse reused =
                send(suite(scenario("S9", "Something else", "Given something else")), "click-7f3a");
        assertThat(reused.getStatus()).isEqualTo(422);
        assertThat(reused.getContentAsString(StandardCharsets.UTF_8)).contains("/problems/idempotency-key-reused");
    }

    @Test
    void commentModePostsTheFeatureAsOneCommentAndCreatesNoIssues() throws Exception {
        JIRA.stubFor(
                post(urlPathEqualTo("/rest/api/3/issue/SHOP-12/comment"))
                        .willReturn(
                                aResponse()
                                        .withStatus(201)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"id\":\"10050\",\"self\":\"https://example-site.atlassian.net/rest/api/3/issue/10012/comment/10050\","
                                                        + "\"body\":{\"type\":\"doc\",\"version\":1,\"content\":[]},"
                                                        + "\"created\":\"2026-12-03T10:00:00.000+0000\",\"updated\":\"2026-12-03T10:00:00.000+0000\"}")));
        String request = threeScenarios().replace("\"scenarios\"", "\"options\":{\"mode\":\"comment\"},\"scenarios\"");

        JsonNode result = publish(request);
        JsonNode again = publish(request);

        assertThat(statuses(result)).containsExactly("created", "created", "created");
        assertThat(result.at("/results/0/key").asString()).isEqualTo("SHOP-12");
        assertThat(result.at("/results/0/url").asString()).endsWith("/browse/SHOP-12?focusedCommentId=10050");
        assertThat(statuses(again)).containsExactly("unchanged", "unchanged", "unchanged");
        List<JsonNode> comments = bodies(postRequestedFor(urlPathEqualTo("/rest/api/3/issue/SHOP-12/comment")));
        assertThat(comments).hasSize(1);
        assertThat(schemas.problems("/rest/api/3/issue/{issueIdOrKey}/comment", "post", comments.get(0)))
                .isEmpty();
        JsonNode body = comments.get(0).path("body");
        assertThat(body.at("/content/0/type").asString()).isEqualTo("heading");
        assertThat(body.at("/content/1/attrs/language").asString()).isEqualTo("gherkin");
        assertThat(body.at("/content").size()).isEqualTo(4);
        assertThat(count(postRequestedFor(urlPathEqualTo(CREATE)))).isZero();
        assertThat(count(postRequestedFor(urlPathEqualTo(LINK)))).isZero();
    }

    @Test
    void attachFeatureUploadsTheWholeFeatureFileToTheStoryOnceWithTheNoCheckHeader() throws Exception {
        stubCreates();
        JIRA.stubFor(post(urlPathEqualTo("/rest/api/3/issue/SHOP-12/attachments"))
                .withHeader("X-Atlassian-Token", equalTo("no-check"))
                .willReturn(okJson("""
                        [{"id":"10300","filename":"checkout.feature","mimeType":"text/plain","size":420,
                          "created":"2026-12-03T10:00:00.000+0000",
                          "content":"https://example-site.atlassian.net/rest/api/3/attachment/content/10300"}]""")));
        String request =
                threeScenarios().replace("\"scenarios\"", "\"options\":{\"attachFeature\":true},\"scenarios\"");

        JsonNode result = publish(request);
        publish(request);

        assertThat(statuses(result)).containsExactly("created", "created", "created");
        assertThat(result.path("warnings")).isEmpty();
        List<LoggedRequest> uploads =
                JIRA.findAll(postRequestedFor(urlPathEqualTo("/rest/api/3/issue/SHOP-12/attachments")));
        assertThat(uploads).hasSize(1);
        assertThat(uploads.get(0).getHeader("X-Atlassian-Token")).isEqualTo("no-check");
        String upload = uploads.get(0).getBodyAsString();
        assertThat(upload)
                .contains("name=\"file\"", "filename=\"checkout.feature\"")
                .contains("Feature: Checkout", "Scenario: Pay with a saved card", "Scenario: Remove a saved card");
    }

    // --- existing tests ---------------------------------------------------------------------------------

    @Test
    void theStorysExistingTestsComeWithTheirGherkinForTheDuplicateCheck() throws Exception {
        stubStory(List.of("""
                {"id":"20001","type":{"id":"10007","name":"Tests","inward":"is tested by","outward":"tests"},
                 "inwardIssue":{"id":"10070","key":"SHOP-7","fields":{"summary":"Pay by invoice","status":{"name":"To Do"}}}}""", """
                {"id":"20002","type":{"id":"10000","name":"Blocks","inward":"is blocked by","outward":"blocks"},
                 "outwardIssue":{"id":"10080","key":"SHOP-8","fields":{"summary":"Release 4.2","status":{"name":"To Do"}}}}"""));
        JIRA.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(okJson("""
                {"issues":[{"id":"10070","key":"SHOP-7","fields":{"summary":"Pay by invoice","labels":[],
                  "description":{"type":"doc","version":1,"content":[
                    {"type":"paragraph","content":[{"type":"text","text":"Written by hand."}]},
                    {"type":"codeBlock","attrs":{"language":"gherkin"},"content":[{"type":"text",
                      "text":"Scenario: Pay by invoice\\n  Given a customer with credit\\n  When they pay by invoice"}]}]}}}],
                 "isLast":true}""")));

        MockHttpServletResponse response = mvc.perform(MockMvcRequestBuilders.get("/api/issues/SHOP-12/tests")
                        .param("target", "jira")
                        .with(authentication(TestTenants.caller(user))))
                .andReturn()
                .getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode tests = json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
        assertThat(tests).hasSize(1);
        assertThat(tests.at("/0/key").asString()).isEqualTo("SHOP-7");
        assertThat(tests.at("/0/title").asString()).isEqualTo("Pay by invoice");
        assertThat(tests.at("/0/gherkin").asString()).startsWith("Scenario: Pay by invoice\n  Given");
        assertThat(tests.at("/0/url").asString()).isEqualTo(JIRA.baseUrl() + "/browse/SHOP-7");
        String search =
                JIRA.findAll(postRequestedFor(urlPathEqualTo(SEARCH))).get(0).getBodyAsString();
        assertThat(search).contains("key in (SHOP-7)").doesNotContain("SHOP-8");
    }

    @Test
    void aTargetThatIsNotConfiguredIsAConflictNamingIt() throws Exception {
        MockHttpServletResponse response = send(threeScenarios().replace("\"jira\"", "\"xray\""), null);

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("/problems/xray-not-configured");
    }

    @Test
    void aCallerWithoutATokenOrWithoutAUserCannotPublishAndABadIssueKeyIsRefused() throws Exception {
        MockHttpServletResponse site = mvc.perform(MockMvcRequestBuilders.post("/api/issues/SHOP-12/publications")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(threeScenarios())
                        .with(authentication(TestTenants.caller(new HostUser(user.tenant(), null)))))
                .andReturn()
                .getResponse();
        MockHttpServletResponse badKey = mvc.perform(MockMvcRequestBuilders.post("/api/issues/not a key/publications")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(threeScenarios())
                        .with(authentication(TestTenants.caller(user))))
                .andReturn()
                .getResponse();

        MockHttpServletResponse anonymous = mvc.perform(MockMvcRequestBuilders.get("/api/issues/SHOP-12/tests"))
                .andReturn()
                .getResponse();

        assertThat(anonymous.getStatus()).isEqualTo(401);
        assertThat(site.getStatus()).isEqualTo(403);
        assertThat(site.getContentAsString(StandardCharsets.UTF_8)).contains("/problems/user-required");
        assertThat(badKey.getStatus()).isEqualTo(400);
        assertThat(badKey.getContentAsString(StandardCharsets.UTF_8)).contains("/problems/invalid-issue-key");
    }
}
