package dev.casewright.publishing.zephyr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.casewright.publishing.ExistingTest;
import dev.casewright.publishing.PublishedTest;
import dev.casewright.publishing.PublishingTarget;
import dev.casewright.publishing.TargetException;
import dev.casewright.publishing.TargetException.Kind;
import dev.casewright.publishing.TargetStubs;
import dev.casewright.settings.SettingsChanges;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Zephyr Scale Cloud as a target against stubs shaped like its OpenAPI description (pinned in
 * {@code src/test/resources/openapi}); every body we send is checked against that description's
 * schema as well as field by field.
 */
class ZephyrTargetIntegrationTests extends TargetStubs {

    static final String BASE = "/zephyr/v2";
    static final String TEST_CASE = """
            {"id":1,"key":"SHOP-T1","name":"Shopper pays by card",
             "project":{"id":10005,"self":"https://api.zephyrscale.smartbear.com/v2/projects/10005"},
             "createdOn":"2026-11-30T09:15:13Z","objective":"Checks card payments","precondition":"A shop with stock",
             "estimatedTime":138000,"labels":["checkout","regression"],
             "component":{"id":10001,"self":"https://shop.atlassian.net/rest/api/2/component/10001"},
             "priority":{"id":10002,"self":"https://api.zephyrscale.smartbear.com/v2/priorities/10002"},
             "status":{"id":10000,"self":"https://api.zephyrscale.smartbear.com/v2/statuses/10000"},
             "folder":{"id":100006,"self":"https://api.zephyrscale.smartbear.com/v2/folders/100006"},
             "owner":{"self":"https://shop.atlassian.net/rest/api/2/user?accountId=5b10a2844c20165700ede21g",
                      "accountId":"5b10a2844c20165700ede21g"},
             "testScript":{"self":"https://api.zephyrscale.smartbear.com/v2/testcases/SHOP-T1/testscript"},
             "customFields":{"Build Number":20,"Release Date":"2026-01-01","Implemented":false,"Category":["Performance"]},
             "links":{"self":"https://api.zephyrscale.smartbear.com/v2/testcases/SHOP-T1/links","issues":[],"webLinks":[]}}""";

    @Autowired
    JsonMapper json;

    private PublishingTarget zephyr;

    @BeforeEach
    void zephyr() {
        zephyr = target("zephyr");
        STUBS.stubFor(authorized(post(BASE + "/testcases"))
                .willReturn(created("{\"id\":1,\"key\":\"SHOP-T1\",\"self\":\"" + BASE + "/testcases/SHOP-T1\"}")));
        STUBS.stubFor(authorized(post(BASE + "/testcases/SHOP-T1/links/issues"))
                .willReturn(created("{\"id\":3,\"self\":\"" + BASE + "/links/3\"}")));
        STUBS.stubFor(authorized(post(BASE + "/testcases/SHOP-T1/testscript"))
                .willReturn(created("{\"id\":2,\"self\":\"" + BASE + "/testcases/SHOP-T1/testscript\"}")));
    }

    private static MappingBuilder authorized(MappingBuilder request) {
        return request.withHeader("Authorization", equalTo("Bearer " + ZEPHYR_TOKEN));
    }

    private static ResponseDefinitionBuilder created(String body) {
        return aResponse()
                .withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    private JsonNode sent(String path, String schema) {
        List<LoggedRequest> requests = STUBS.findAll(postRequestedFor(urlEqualTo(path)));
        if (requests.isEmpty()) {
            requests = STUBS.findAll(putRequestedFor(urlEqualTo(path)));
        }
        assertThat(requests).as(path).hasSize(1);
        JsonNode body = json.readTree(requests.get(0).getBodyAsString());
        assertThat(ZephyrOpenApi.violations(schema, body)).as(path).isEmpty();
        return body;
    }

    @Test
    void aCreateMakesATestCaseLinksTheStoryByItsNumericIdAndSetsTheStepsAsItsBddScript() {
        PublishedTest created = zephyr.create(user, story, scenario("S1", "Shopper pays by card"));

        assertThat(created.key()).isEqualTo("SHOP-T1");
        assertThat(created.targetId()).isEqualTo("1");
        assertThat(created.url()).startsWith(STUBS.baseUrl() + "/projects/SHOP").endsWith("/testCase/SHOP-T1");
        JsonNode testCase = sent(BASE + "/testcases", "TestCaseInput");
        assertThat(testCase.path("projectKey").asString()).isEqualTo("SHOP");
        assertThat(testCase.path("name").asString()).isEqualTo("Shopper pays by card");
        assertThat(testCase.path("objective").asString()).contains("Checkout", "SHOP-12");
        assertThat(testCase.path("labels").toString()).isEqualTo("[\"checkout\",\"smoke\",\"casewright-SHOP-12\"]");
        assertThat(testCase.has("folderId")).isFalse();
        JsonNode link = sent(BASE + "/testcases/SHOP-T1/links/issues", "IssueLinkInput");
        assertThat(link.path("issueId").isIntegralNumber()).isTrue();
        assertThat(link.path("issueId").asLong()).isEqualTo(10012L);
        JsonNode script = sent(BASE + "/testcases/SHOP-T1/testscript", "TestScriptInput");
        assertThat(script.path("type").asString()).isEqualTo("bdd");
        assertThat(script.path("text").asString()).isEqualTo(STEPS);
    }

    /** The Zephyr folder as an administrator saves it in the settings; {@code ""} for none. */
    private void zephyrFolder(String folder) {
        settings.update(user, SettingsChanges.publishingOptions(null, null, folder));
    }

    /**
     * Project SHOP's test case folders, two to a page as Zephyr may answer: top-level "Regression"
     * and "Smoke", each with a "Checkout" inside.
     */
    private static void stubFolders() {
        String page0 = """
                {"next":"https://api.zephyrscale.smartbear.com/v2/folders?maxResults=2&startAt=2",
                 "startAt":0,"maxResults":2,"total":4,"isLast":false,"values":[
                  {"id":100010,"parentId":null,"name":"Regression","index":0,"folderType":"TEST_CASE",
                   "project":{"id":10000,"self":"https://api.zephyrscale.smartbear.com/v2/projects/10000"}},
                  {"id":100011,"parentId":null,"name":"Smoke","index":1,"folderType":"TEST_CASE",
                   "project":{"id":10000,"self":"https://api.zephyrscale.smartbear.com/v2/projects/10000"}}]}""";
        String page1 = """
                {"startAt":2,"maxResults":2,"total":4,"isLast":true,"values":[
                  {"id":100012,"parentId":100010,"name":"Checkout","index":0,"folderType":"TEST_CASE",
                   "project":{"id":10000,"self":"https://api.zephyrscale.smartbear.com/v2/projects/10000"}},
                  {"id":100013,"parentId":100011,"name":"Checkout","index":0,"folderType":"TEST_CASE",
                   "project":{"id":10000,"self":"https://api.zephyrscale.smartbear.com/v2/projects/10000"}}]}""";
        STUBS.stubFor(authorized(get(urlPathEqualTo(BASE + "/folders")))
                .withQueryParam("projectKey", equalTo("SHOP"))
                .withQueryParam("folderType", equalTo("TEST_CASE"))
                .withQueryParam("startAt", equalTo("0"))
                .willReturn(okJson(page0)));
        STUBS.stubFor(authorized(get(urlPathEqualTo(BASE + "/folders")))
                .withQueryParam("projectKey", equalTo("SHOP"))
                .withQueryParam("folderType", equalTo("TEST_CASE"))
                .withQueryParam("startAt", equalTo("2"))
                .willReturn(okJson(page1)));
    }

    @Test
    void theConfiguredFolderIsFoundThroughTheFolderListingByItsPathAndSentOnCreateAndRemembered() {
        stubFolders();
        zephyrFolder("regression / CHECKOUT");

        zephyr.create(user, story, scenario("S1", "Shopper pays by card"));

        JsonNode testCase = sent(BASE + "/testcases", "TestCaseInput");
        assertThat(testCase.path("folderId").isIntegralNumber()).isTrue();
        assertThat(testCase.path("folderId").asLong()).isEqualTo(100012L);
        assertThat(testCase.path("name").asString()).isEqualTo("Shopper pays by card");
        // Both pages read once; the second scenario uses the id found for the first.
        zephyr.create(user, story, scenario("S2", "Shopper pays by invoice"));
        STUBS.verify(2, getRequestedFor(urlPathEqualTo(BASE + "/folders")));
        assertThat(STUBS.findAll(postRequestedFor(urlEqualTo(BASE + "/testcases"))))
                .extracting(request -> json.readTree(request.getBodyAsString())
                        .path("folderId")
                        .asLong())
                .containsExactly(100012L, 100012L);
    }

    @Test
    void aFolderTheProjectDoesNotHaveIsRefusedNamingItAndNothingIsCreated() {
        stubFolders();
        zephyrFolder("Regression/Payments");

        assertThatThrownBy(() -> zephyr.create(user, story, scenario("S1", "Shopper pays by card")))
                .isInstanceOfSatisfying(TargetException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
                    assertThat(e.getMessage()).contains("SHOP", "no test case folder \"Regression/Payments\"");
                });
        STUBS.verify(0, postRequestedFor(urlEqualTo(BASE + "/testcases")));
    }

    @Test
    void anUpdatePutsBackEverythingTheGetReturnedWithOnlyNameObjectiveAndLabelsChanged() {
        // A folder in the settings is for new test cases: the update keeps the one the test case is in.
        zephyrFolder("Smoke");
        STUBS.stubFor(authorized(get(BASE + "/testcases/SHOP-T1")).willReturn(okJson(TEST_CASE)));
        STUBS.stubFor(authorized(put(BASE + "/testcases/SHOP-T1"))
                .willReturn(aResponse().withStatus(200)));
        var existing = new PublishedTest("SHOP-T1", "https://shop.atlassian.net/projects/SHOP", "1");

        PublishedTest updated = zephyr.update(user, story, scenario("S1", "Shopper pays by debit card"), existing);

        assertThat(updated.key()).isEqualTo("SHOP-T1");
        JsonNode put = sent(BASE + "/testcases/SHOP-T1", "TestCase");
        JsonNode before = json.readTree(TEST_CASE);
        for (String kept : List.of(
                "id",
                "key",
                "project",
                "precondition",
                "estimatedTime",
                "component",
                "priority",
                "status",
                "folder",
                "owner",
                "testScript",
                "customFields")) {
            assertThat(put.path(kept)).as(kept).isEqualTo(before.path(kept));
        }
        assertThat(put.has("folderId")).isFalse();
        STUBS.verify(0, getRequestedFor(urlPathEqualTo(BASE + "/folders")));
        assertThat(put.path("name").asString()).isEqualTo("Shopper pays by debit card");
        assertThat(put.path("objective").asString()).contains("Checkout", "SHOP-12");
        assertThat(put.path("labels").toString()).isEqualTo("[\"checkout\",\"regression\",\"smoke\"]");
        JsonNode script = sent(BASE + "/testcases/SHOP-T1/testscript", "TestScriptInput");
        assertThat(script.path("text").asString()).isEqualTo(STEPS);
        // The test case lists no link to the story (one a lost create left): the update makes it.
        assertThat(sent(BASE + "/testcases/SHOP-T1/links/issues", "IssueLinkInput")
                        .path("issueId")
                        .asLong())
                .isEqualTo(10012L);
    }

    @Test
    void theExistingTestsAreTheTestCasesLinkedToTheStoryWithTheirBddScripts() {
        STUBS.stubFor(authorized(get(BASE + "/issuelinks/SHOP-12/testcases"))
                .willReturn(okJson("[{\"key\":\"SHOP-T1\",\"version\":1,\"self\":\"" + BASE
                        + "/testcases/SHOP-T1/versions/1\"},{\"key\":\"SHOP-T2\",\"version\":3,\"self\":\"" + BASE
                        + "/testcases/SHOP-T2/versions/3\"}]")));
        STUBS.stubFor(authorized(get(BASE + "/testcases/SHOP-T1")).willReturn(okJson(TEST_CASE)));
        STUBS.stubFor(authorized(get(BASE + "/testcases/SHOP-T1/testscript"))
                .willReturn(okJson("{\"id\":2,\"type\":\"bdd\",\"text\":\"Given a cart with 2 items\"}")));
        STUBS.stubFor(authorized(get(BASE + "/testcases/SHOP-T2"))
                .willReturn(okJson(
                        TEST_CASE.replace("SHOP-T1", "SHOP-T2").replace("Shopper pays by card", "Made by hand"))));
        STUBS.stubFor(authorized(get(BASE + "/testcases/SHOP-T2/testscript"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errorCode\":404,\"message\":\"Test script not found\"}")));

        List<ExistingTest> existing = zephyr.existingTests(user, story);

        assertThat(existing)
                .extracting(ExistingTest::key, ExistingTest::title, ExistingTest::gherkin)
                .containsExactly(
                        tuple("SHOP-T1", "Shopper pays by card", "Given a cart with 2 items"),
                        tuple("SHOP-T2", "Made by hand", ""));
    }

    @Test
    void aReadThatFailsOnceWithA500IsTriedOnceMore() {
        STUBS.stubFor(authorized(get(BASE + "/issuelinks/SHOP-12/testcases"))
                .inScenario("blip")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500))
                .willSetStateTo("recovered"));
        STUBS.stubFor(authorized(get(BASE + "/issuelinks/SHOP-12/testcases"))
                .inScenario("blip")
                .whenScenarioStateIs("recovered")
                .willReturn(okJson("[]")));

        assertThat(zephyr.existingTests(user, story)).isEmpty();
        STUBS.verify(2, getRequestedFor(urlEqualTo(BASE + "/issuelinks/SHOP-12/testcases")));
    }

    @ParameterizedTest(name = "{0} on a create becomes {1}")
    @CsvSource({
        "401, CREDENTIALS_REJECTED",
        "403, PERMISSION_DENIED",
        "413, TOO_LARGE",
        "429, RATE_LIMITED",
        "500, UNAVAILABLE",
        "400, REJECTED"
    })
    void eachRefusalOfACreateBecomesAKindAUserCanActOnAndTheCreateIsNotRepeated(int status, Kind kind) {
        STUBS.stubFor(post(BASE + "/testcases")
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Retry-After", "7")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errorCode\":" + status + ",\"message\":\"name Shopper pays by card refused\"}")));

        assertThatThrownBy(() -> zephyr.create(user, story, scenario("S1", "Shopper pays by card")))
                .isInstanceOfSatisfying(TargetException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.target()).isEqualTo("zephyr");
                    assertThat(e.getMessage())
                            .contains("Zephyr", Integer.toString(status))
                            .doesNotContain(ZEPHYR_TOKEN, "Shopper pays");
                    assertThat(e.retryAfter()).isEqualTo(status == 429 ? Duration.ofSeconds(7) : null);
                });
        STUBS.verify(1, postRequestedFor(urlEqualTo(BASE + "/testcases")));
    }

    @Test
    void aCreateZephyrDoesNotAnswerInTimeIsAnUnknownOutcomeAndIsNotRepeated() {
        STUBS.stubFor(post(BASE + "/testcases")
                .atPriority(1)
                .willReturn(created("{\"id\":1,\"key\":\"SHOP-T1\"}").withFixedDelay(SLOWER_THAN_THE_READ_TIMEOUT)));

        assertThatThrownBy(() -> zephyr.create(user, story, scenario("S1", "Pays")))
                .isInstanceOfSatisfying(
                        TargetException.class, e -> assertThat(e.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN));
        STUBS.verify(1, postRequestedFor(urlEqualTo(BASE + "/testcases")));
        STUBS.verify(0, postRequestedFor(urlEqualTo(BASE + "/testcases/SHOP-T1/links/issues")));
    }

    @Test
    void withoutATokenZephyrIsNotConfiguredAndNothingIsSent() {
        credentials(null, null, "");

        assertThatThrownBy(() -> zephyr.create(user, story, scenario("S1", "Pays")))
                .isInstanceOfSatisfying(
                        TargetException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_CONFIGURED));
        STUBS.verify(0, postRequestedFor(urlEqualTo(BASE + "/testcases")));
        STUBS.verify(0, getRequestedFor(urlEqualTo(BASE + "/testcases")).withHeader("Authorization", matching(".*")));
    }

    @Test
    void theSchemaCheckNoticesAnUnknownFieldAMissingOneAndAnIssueIdSentAsText() {
        assertThat(ZephyrOpenApi.violations(
                        "TestCaseInput", json.readTree("{\"projectKey\":\"SHOP\",\"name\":\"A\",\"folder\":7}")))
                .containsExactly("$.folder is not in the schema");
        assertThat(ZephyrOpenApi.violations("TestCaseInput", json.readTree("{\"name\":\"A\"}")))
                .containsExactly("$.projectKey is required");
        assertThat(ZephyrOpenApi.violations("IssueLinkInput", json.readTree("{\"issueId\":\"10012\"}")))
                .containsExactly("$.issueId is not an integer");
    }
}
