package dev.casewright.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.StubJira;
import dev.casewright.tenancy.Tenants;
import dev.casewright.tenancy.TestTenants;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The Jira client against a local stub shaped like Jira Cloud (fixture issues in the REST v3
 * shape), acting as a user through the real ProductApi: parsing, retries, breaker, limits, writes.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "casewright.jira.initial-backoff=PT0.01S",
            "casewright.jira.max-backoff=PT0.05S",
            "casewright.jira.circuit-window=4",
            "casewright.jira.circuit-open-for=PT1H",
            "casewright.connect.read-timeout=PT0.5S"
        })
class JiraIssuesIntegrationTests {

    static final WireMockServer JIRA = StubJira.SERVER;

    @DynamicPropertySource
    static void stubs(DynamicPropertyRegistry registry) {
        StubJira.register(registry);
    }

    @Autowired
    JiraIssues jira;

    @Autowired
    Tenants tenants;

    @Autowired
    JsonMapper json;

    private HostUser user;

    @BeforeEach
    void userOnAStubSite() {
        StubJira.reset();
        user = userOfNewSite();
    }

    private HostUser userOfNewSite() {
        var tenant = TestTenants.newSite(tenants, URI.create(JIRA.baseUrl()));
        return new HostUser(tenant, "5b10a2844c20165700ede21g");
    }

    private static String fixture(String key) throws IOException {
        return new ClassPathResource("fixtures/jira/issues/" + key + ".json")
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static void stubIssue(String key) throws IOException {
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/" + key)).willReturn(okJson(fixture(key))));
    }

    // --- reading an issue --------------------------------------------------------------------------

    @Test
    void readsAnIssueWithItsAcceptanceCriteriaFoundByFieldNameAsTheUser() throws IOException {
        stubIssue("SHOP-127");

        JiraIssue issue = jira.issue(user, "SHOP-127");

        assertThat(issue.key()).isEqualTo("SHOP-127");
        assertThat(issue.summary()).startsWith("Free shipping threshold per country");
        assertThat(issue.description()).isNotNull();
        assertThat(issue.description().path("type").asString()).isEqualTo("doc");
        assertThat(issue.acceptanceCriteriaFieldId()).isEqualTo("customfield_10035");
        assertThat(issue.acceptanceCriteria()).isNotNull();
        assertThat(issue.attachments())
                .extracting(JiraIssue.Attachment::id, JiraIssue.Attachment::filename, JiraIssue.Attachment::size)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("10412", "shipping-rates-2025.xlsx", 48213L),
                        org.assertj.core.groups.Tuple.tuple("10413", "free-shipping-progress-mock.png", 184522L));
        JIRA.verify(getRequestedFor(urlPathEqualTo("/rest/api/3/issue/SHOP-127"))
                .withQueryParam("expand", equalTo("names"))
                .withHeader("Authorization", equalTo("Bearer user-token")));
    }

    @Test
    void linksReadInTheirDirectionAndSubtasksAndParentAreKept() throws IOException {
        stubIssue("TRACK-88");
        stubIssue("API-322");

        JiraIssue outward = jira.issue(user, "TRACK-88");
        JiraIssue inward = jira.issue(user, "API-322");

        assertThat(outward.links()).first().satisfies(link -> {
            assertThat(link.phrase()).isEqualTo("blocks");
            assertThat(link.issue().key()).isEqualTo("TRACK-90");
        });
        assertThat(outward.subtasks())
                .extracting(JiraIssue.IssueReference::key)
                .containsExactly("TRACK-89", "TRACK-91", "TRACK-92");
        assertThat(outward.parent()).isNotNull();
        assertThat(outward.parent().key()).isEqualTo("TRACK-80");
        assertThat(inward.links()).first().satisfies(link -> {
            assertThat(link.phrase()).isEqualTo("relates to");
            assertThat(link.issue().key()).isEqualTo("API-319");
        });
    }

    @Test
    void numericIdsAreReadAsStrings() throws IOException {
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/SHOP-127"))
                .willReturn(okJson(fixture("SHOP-127").replace("\"id\": \"10412\"", "\"id\": 10412"))));

        JiraIssue issue = jira.issue(user, "SHOP-127");

        assertThat(issue.attachments()).extracting(JiraIssue.Attachment::id).contains("10412");
    }

    @Test
    void anIssueTheUserCannotSeeIsNotFoundWithAClearMessage() {
        JIRA.stubFor(
                get(urlPathEqualTo("/rest/api/3/issue/SECRET-1"))
                        .willReturn(
                                aResponse()
                                        .withStatus(404)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"],\"errors\":{}}")));

        assertThatThrownBy(() -> jira.issue(user, "SECRET-1"))
                .isInstanceOf(JiraException.IssueNotFound.class)
                .hasMessage("Issue SECRET-1 was not found, or you do not have permission to see it.");
        JIRA.verify(1, getRequestedFor(urlPathEqualTo("/rest/api/3/issue/SECRET-1")));
    }

    @Test
    void aForbiddenAnswerIsPermissionDenied() {
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/SHOP-1"))
                .willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> jira.issue(user, "SHOP-1")).isInstanceOf(JiraException.PermissionDenied.class);
    }

    // --- resilience --------------------------------------------------------------------------------

    @Test
    void aRateLimitedReadIsRetriedAfterRetryAfterAndThenSucceeds() throws IOException {
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/SHOP-127"))
                .inScenario("rate limited")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("calm")
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "2")
                        .withHeader("RateLimit-Reason", "jira-burst-based")
                        .withHeader("X-RateLimit-NearLimit", "true")));
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/SHOP-127"))
                .inScenario("rate limited")
                .whenScenarioStateIs("calm")
                .willReturn(okJson(fixture("SHOP-127"))));

        assertThat(jira.issue(user, "SHOP-127").key()).isEqualTo("SHOP-127");
        JIRA.verify(2, getRequestedFor(urlPathEqualTo("/rest/api/3/issue/SHOP-127")));
    }

    @Test
    void aPersistentRateLimitSaysWhenToTryAgain() {
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/SHOP-1"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "17")));

        assertThatThrownBy(() -> jira.issue(user, "SHOP-1"))
                .isInstanceOfSatisfying(
                        JiraException.RateLimited.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(17)))
                .hasMessageContaining("Try again in 17 s");
        JIRA.verify(4, getRequestedFor(urlPathEqualTo("/rest/api/3/issue/SHOP-1")));
    }

    @Test
    void aServerErrorOnAReadIsRetried() throws IOException {
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/SHOP-127"))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("fine")
                .willReturn(aResponse().withStatus(503)));
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/SHOP-127"))
                .inScenario("flaky")
                .whenScenarioStateIs("fine")
                .willReturn(okJson(fixture("SHOP-127"))));

        assertThat(jira.issue(user, "SHOP-127").summary()).isNotBlank();
    }

    @Test
    void aFailedCreateIsNeverRetried() {
        JIRA.stubFor(
                post("/rest/api/3/issue").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")));
        var fields = JsonNodeFactory.instance.objectNode().put("summary", "Scenario: checkout");

        assertThatThrownBy(() -> jira.createIssue(user, fields, Map.of()))
                .isInstanceOf(JiraException.Unavailable.class);
        JIRA.verify(1, postRequestedFor(urlPathEqualTo("/rest/api/3/issue")));
    }

    @Test
    void aCreateWhoseAnswerNeverCameMayHaveHappenedButAFailedOrUnsentOneDidNot() throws IOException {
        JIRA.stubFor(post("/rest/api/3/issue")
                .willReturn(okJson("{\"id\":\"10010\",\"key\":\"PROJ-11\"}").withFixedDelay(1_500)));
        var fields = JsonNodeFactory.instance.objectNode().put("summary", "Scenario: checkout");

        assertThatThrownBy(() -> jira.createIssue(user, fields, Map.of()))
                .isInstanceOfSatisfying(
                        JiraException.Unavailable.class,
                        e -> assertThat(e.outcomeUnknown()).isTrue());

        JIRA.stubFor(post("/rest/api/3/issue").willReturn(aResponse().withStatus(502)));
        assertThatThrownBy(() -> jira.createIssue(user, fields, Map.of()))
                .isInstanceOfSatisfying(
                        JiraException.Unavailable.class,
                        e -> assertThat(e.outcomeUnknown()).isFalse());

        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var unreachable = new HostUser(
                TestTenants.newSite(tenants, URI.create("http://127.0.0.1:" + closedPort)), "5b10a2844c20165700ede21g");
        assertThatThrownBy(() -> jira.createIssue(unreachable, fields, Map.of()))
                .isInstanceOfSatisfying(
                        JiraException.Unavailable.class,
                        e -> assertThat(e.outcomeUnknown()).isFalse());
    }

    @Test
    void anIssueUpdateIsAPutOfItsFieldsAndIsRetriedLikeARead() {
        JIRA.stubFor(put(urlPathEqualTo("/rest/api/3/issue/SHOP-9"))
                .inScenario("update")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(503)));
        JIRA.stubFor(put(urlPathEqualTo("/rest/api/3/issue/SHOP-9"))
                .inScenario("update")
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(204)));
        var fields = JsonNodeFactory.instance.objectNode().put("summary", "Pay with a saved card");

        jira.updateIssue(user, "SHOP-9", fields);

        JIRA.verify(
                2,
                com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
                                urlPathEqualTo("/rest/api/3/issue/SHOP-9"))
                        .withRequestBody(matchingJsonPath("$.fields.summary", equalTo("Pay with a saved card"))));
    }

    @Test
    void rejectedCredentialsAndAMissingPermissionAreToldApartAsIsALimitRefusal() {
        JIRA.stubFor(post("/rest/api/3/issue").willReturn(aResponse().withStatus(401)));
        var fields = JsonNodeFactory.instance.objectNode().put("summary", "Scenario: checkout");
        assertThatThrownBy(() -> jira.createIssue(user, fields, Map.of()))
                .isInstanceOfSatisfying(
                        JiraException.PermissionDenied.class,
                        e -> assertThat(e.status()).isEqualTo(401));

        JIRA.stubFor(post("/rest/api/3/issue").willReturn(aResponse().withStatus(403)));
        assertThatThrownBy(() -> jira.createIssue(user, fields, Map.of()))
                .isInstanceOfSatisfying(
                        JiraException.PermissionDenied.class,
                        e -> assertThat(e.status()).isEqualTo(403));

        JIRA.stubFor(post("/rest/api/3/issue").willReturn(aResponse().withStatus(413)));
        assertThatThrownBy(() -> jira.createIssue(user, fields, Map.of()))
                .isInstanceOfSatisfying(
                        JiraException.Rejected.class,
                        e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void aSlowAnswerIsAbandonedAfterTheReadTimeout() {
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/SLOW-1"))
                .willReturn(okJson("{}").withFixedDelay(3_000)));

        assertThatThrownBy(() -> jira.issue(user, "SLOW-1"))
                .isInstanceOf(JiraException.Unavailable.class)
                .hasMessageContaining("no answer in time");
    }

    @Test
    void malformedJsonIsAnUnavailableJiraNotACrash() {
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/BAD-1"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"key\": \"BAD-1\", \"fields\": {")));

        assertThatThrownBy(() -> jira.issue(user, "BAD-1"))
                .isInstanceOf(JiraException.Unavailable.class)
                .hasMessageContaining("could not read");
    }

    @Test
    void aBrokenSiteOpensItsOwnBreakerAndOtherSitesStillWork() throws IOException {
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/issue/DOWN-1"))
                .willReturn(aResponse().withStatus(500)));
        stubIssue("SHOP-127");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> jira.issue(user, "DOWN-1")).isInstanceOf(JiraException.Unavailable.class);
        }
        int requestsBefore = JIRA.findAll(getRequestedFor(urlPathEqualTo("/rest/api/3/issue/DOWN-1")))
                .size();

        assertThatThrownBy(() -> jira.issue(user, "DOWN-1"))
                .isInstanceOf(JiraException.Unavailable.class)
                .hasMessageContaining("too many recent failures");
        assertThat(JIRA.findAll(getRequestedFor(urlPathEqualTo("/rest/api/3/issue/DOWN-1"))))
                .hasSize(requestsBefore);
        assertThat(jira.issue(userOfNewSite(), "SHOP-127").key()).isEqualTo("SHOP-127");
    }

    // --- attachments ------------------------------------------------------------------------------

    private static JiraIssue.Attachment attachment(long size) {
        return new JiraIssue.Attachment("10412", "rates.xlsx", "application/octet-stream", size, null);
    }

    @Test
    void anAttachmentIsStreamedWithoutRedirectAndAsTheUser() {
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/attachment/content/10412"))
                .withQueryParam("redirect", equalTo("false"))
                .willReturn(aResponse().withBody("spreadsheet bytes")));

        String content = jira.readAttachment(
                user, attachment(17), 1_000, (in, size) -> new String(in.readAllBytes(), StandardCharsets.UTF_8));

        assertThat(content).isEqualTo("spreadsheet bytes");
    }

    @Test
    void anAttachmentOverTheLimitIsRefusedBeforeAnyDownload() {
        assertThatThrownBy(() ->
                        jira.readAttachment(user, attachment(25_000_000), 20_000_000, (in, size) -> in.readAllBytes()))
                .isInstanceOf(JiraException.AttachmentTooLarge.class);
        JIRA.verify(0, getRequestedFor(urlPathMatching("/rest/api/3/attachment/.*")));
    }

    @Test
    void anAttachmentLargerThanDeclaredIsCutOffAtTheLimit() {
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/attachment/content/10412"))
                .willReturn(aResponse().withBody(new byte[50_000]).withHeader("Transfer-Encoding", "chunked")));

        assertThatThrownBy(() -> jira.readAttachment(user, attachment(10), 1_000, (in, size) -> in.readAllBytes()))
                .isInstanceOf(JiraException.AttachmentTooLarge.class);
    }

    @Test
    void aRedirectToTheMediaServiceIsFollowedWithoutOurCredentials() {
        JIRA.stubFor(get(urlPathEqualTo("/rest/api/3/attachment/content/10412"))
                .willReturn(aResponse().withStatus(303).withHeader("Location", JIRA.baseUrl() + "/media/file/abc")));
        JIRA.stubFor(
                get(urlPathEqualTo("/media/file/abc")).willReturn(aResponse().withBody("media bytes")));

        String content = jira.readAttachment(
                user, attachment(11), 1_000, (in, size) -> new String(in.readAllBytes(), StandardCharsets.UTF_8));

        assertThat(content).isEqualTo("media bytes");
        JIRA.verify(getRequestedFor(urlPathEqualTo("/media/file/abc")).withHeader("Authorization", absent()));
    }

    // --- writing ----------------------------------------------------------------------------------

    @Test
    void aTestLinkNamesTheTestAsInwardIssueSoJiraReadsTestTestsStory() {
        JIRA.stubFor(post("/rest/api/3/issueLink").willReturn(aResponse().withStatus(201)));

        jira.link(user, "Tests", "SHOP-9", "SHOP-1");

        JIRA.verify(
                postRequestedFor(urlPathEqualTo("/rest/api/3/issueLink"))
                        .withRequestBody(
                                equalToJson(
                                        "{\"type\":{\"name\":\"Tests\"},\"inwardIssue\":{\"key\":\"SHOP-9\"},\"outwardIssue\":{\"key\":\"SHOP-1\"}}")));
    }

    @Test
    void attachingAFileSendsTheXsrfOptOutAndAFilePart() {
        JIRA.stubFor(post("/rest/api/3/issue/SHOP-1/attachments")
                .willReturn(okJson(
                        "[{\"id\":10500,\"filename\":\"checkout.feature\",\"mimeType\":\"text/plain\",\"size\":42}]")));

        var attached = jira.attach(
                user,
                "SHOP-1",
                "checkout.feature",
                "Feature: checkout".getBytes(StandardCharsets.UTF_8),
                MediaType.TEXT_PLAIN);

        assertThat(attached).extracting(JiraIssue.Attachment::id).containsExactly("10500");
        JIRA.verify(postRequestedFor(urlPathEqualTo("/rest/api/3/issue/SHOP-1/attachments"))
                .withHeader("X-Atlassian-Token", equalTo("no-check"))
                .withHeader(
                        "Content-Type",
                        com.github.tomakehurst.wiremock.client.WireMock.containing("multipart/form-data"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "name=\"file\"; filename=\"checkout.feature\"")));
    }

    @Test
    void aCreateRejectedByJiraCarriesItsFieldErrors() {
        JIRA.stubFor(
                post("/rest/api/3/issue")
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"errorMessages\":[],\"errors\":{\"description\":\"Operation value must be an Atlassian Document (see the Atlassian Document Format)\"}}")));
        var fields = JsonNodeFactory.instance
                .objectNode()
                .put("summary", "Scenario: x")
                .put("description", "plain");

        assertThatThrownBy(() -> jira.createIssue(user, fields, Map.of()))
                .isInstanceOfSatisfying(
                        JiraException.Rejected.class,
                        e -> assertThat(e.fieldErrors()).containsKey("description"));
    }

    @Test
    void anIssuePropertyIsWrittenWithPut() {
        JIRA.stubFor(put(urlPathEqualTo("/rest/api/3/issue/SHOP-1/properties/dev.casewright.published"))
                .willReturn(aResponse().withStatus(201)));

        jira.setProperty(user, "SHOP-1", "dev.casewright.published", json.readTree("{\"S1\":{\"key\":\"SHOP-9\"}}"));

        JIRA.verify(com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
                        urlPathEqualTo("/rest/api/3/issue/SHOP-1/properties/dev.casewright.published"))
                .withRequestBody(matchingJsonPath("$.S1.key", equalTo("SHOP-9"))));
    }

    @Test
    void theSearchFollowsNextPageTokensUntilTheLastPage() {
        JIRA.stubFor(post("/rest/api/3/search/jql")
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("nextPageToken"))
                .willReturn(okJson(
                        "{\"issues\":[{\"id\":\"1\",\"key\":\"SHOP-1\"}],\"nextPageToken\":\"t1\",\"isLast\":false}")));
        JIRA.stubFor(post("/rest/api/3/search/jql")
                .withRequestBody(matchingJsonPath("$.nextPageToken", equalTo("t1")))
                .willReturn(okJson("{\"issues\":[{\"id\":\"2\",\"key\":\"SHOP-2\"}],\"isLast\":true}")));

        SearchPage first = jira.search(user, "project = SHOP order by key", List.of("summary"), null, List.of());
        SearchPage second =
                jira.search(user, "project = SHOP order by key", List.of("summary"), first.nextPageToken(), List.of());

        assertThat(first.isLast()).isFalse();
        assertThat(second.isLast()).isTrue();
        assertThat(second.issues())
                .extracting(issue -> issue.path("key").asString())
                .containsExactly("SHOP-2");
    }

    @Test
    void projectIssueTypesComeFromCreateMeta() {
        JIRA.stubFor(
                get(urlPathEqualTo("/rest/api/3/issue/createmeta/SHOP/issuetypes"))
                        .willReturn(
                                okJson(
                                        "{\"issueTypes\":[{\"id\":\"10005\",\"name\":\"Test\",\"subtask\":false},"
                                                + "{\"id\":\"10003\",\"name\":\"Sub-task\",\"subtask\":true}],\"startAt\":0,\"maxResults\":50,\"total\":2}")));

        assertThat(jira.issueTypes(user, "SHOP"))
                .containsExactly(new IssueType("10005", "Test", false), new IssueType("10003", "Sub-task", true));
    }
}
