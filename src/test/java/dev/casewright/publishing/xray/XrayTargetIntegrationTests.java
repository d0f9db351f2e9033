package dev.casewright.publishing.xray;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
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

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.casewright.publishing.ExistingTest;
import dev.casewright.publishing.PublishedTest;
import dev.casewright.publishing.PublishingTarget;
import dev.casewright.publishing.TargetException;
import dev.casewright.publishing.TargetException.Kind;
import dev.casewright.publishing.TargetStubs;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Xray Cloud as a target against stubs shaped like its documented answers
 * (external-apis-jira-xray-zephyr.md B.1, B.5, E.2) and a stub Jira for the coverage link.
 */
class XrayTargetIntegrationTests extends TargetStubs {

    static final String TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.first-xray-token.c2ln";
    static final String RENEWED_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.renewed-xray-token.c2ln";
    static final String CREATED = """
            {"data":{"createTest":{"test":{"issueId":"10100","testType":{"name":"Cucumber","kind":"Gherkin"},
             "jira":{"key":"SHOP-20"}},"warnings":[]}}}""";

    @Autowired
    JsonMapper json;

    private PublishingTarget xray;

    @BeforeEach
    void xrayAndJira() {
        xray = target("xray");
        STUBS.stubFor(post("/xray/api/v2/authenticate")
                .withRequestBody(equalToJson(
                        "{\"client_id\":\"" + XRAY_CLIENT_ID + "\",\"client_secret\":\"" + XRAY_CLIENT_SECRET + "\"}"))
                .willReturn(okJson("\"" + TOKEN + "\"")));
        STUBS.stubFor(post("/xray/api/v2/graphql")
                .withRequestBody(matchingJsonPath("$.query", containing("createTest")))
                .willReturn(okJson(CREATED)));
        STUBS.stubFor(get("/rest/api/3/issueLinkType").willReturn(okJson("""
                        {"issueLinkTypes":[
                          {"id":"10000","name":"Blocks","inward":"is blocked by","outward":"blocks"},
                          {"id":"10003","name":"Relates","inward":"relates to","outward":"relates to"},
                          {"id":"10006","name":"Test","inward":"is tested by","outward":"tests"}]}""")));
        STUBS.stubFor(post("/rest/api/3/issueLink").willReturn(aResponse().withStatus(201)));
    }

    private JsonNode body(LoggedRequest request) {
        return json.readTree(request.getBodyAsString());
    }

    private List<LoggedRequest> graphQl(String operation) {
        return STUBS.findAll(postRequestedFor(urlEqualTo("/xray/api/v2/graphql"))
                .withRequestBody(matchingJsonPath("$.query", containing(operation))));
    }

    @Test
    void aCreateSendsTheStepsAsCucumberGherkinAndLinksTheTestSoThatItTestsTheStory() {
        PublishedTest created = xray.create(user, story, scenario("S1", "Shopper pays by card"));

        assertThat(created.key()).isEqualTo("SHOP-20");
        assertThat(created.targetId()).isEqualTo("10100");
        assertThat(created.url()).isEqualTo(STUBS.baseUrl() + "/browse/SHOP-20");
        JsonNode request = body(graphQl("createTest").get(0));
        assertThat(request.path("query").asString()).contains("testType: {name: \"Cucumber\"}");
        assertThat(request.path("variables").path("gherkin").asString()).isEqualTo(STEPS);
        JsonNode fields = request.path("variables").path("jira").path("fields");
        assertThat(fields.path("summary").asString()).isEqualTo("Shopper pays by card");
        assertThat(fields.path("project").path("key").asString()).isEqualTo("SHOP");
        assertThat(fields.path("labels").toString()).isEqualTo("[\"checkout\",\"smoke\",\"casewright-SHOP-12\"]");
        JsonNode link = body(STUBS.findAll(postRequestedFor(urlEqualTo("/rest/api/3/issueLink")))
                .get(0));
        // "SHOP-20 tests SHOP-12": Jira puts the subject of the outward phrase in inwardIssue.
        assertThat(link.path("type").path("name").asString()).isEqualTo("Test");
        assertThat(link.path("inwardIssue").path("key").asString()).isEqualTo("SHOP-20");
        assertThat(link.path("outwardIssue").path("key").asString()).isEqualTo("SHOP-12");
    }

    @Test
    void oneAuthenticationServesSeveralCreatesAndEveryCallCarriesTheToken() {
        for (int i = 1; i <= 3; i++) {
            xray.create(user, story, scenario("S" + i, "Scenario " + i));
        }

        STUBS.verify(1, postRequestedFor(urlEqualTo("/xray/api/v2/authenticate")));
        assertThat(graphQl("createTest"))
                .hasSize(3)
                .allSatisfy(request ->
                        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN));
    }

    @Test
    void aTokenXrayNoLongerAcceptsIsReplacedOnceAndTheCallMadeAgain() {
        xray.create(user, story, scenario("S1", "First"));
        STUBS.stubFor(post("/xray/api/v2/authenticate")
                .atPriority(1)
                .inScenario("renewal")
                .whenScenarioStateIs("expired")
                .willReturn(okJson("\"" + RENEWED_TOKEN + "\"")));
        STUBS.stubFor(post("/xray/api/v2/graphql")
                .atPriority(1)
                .inScenario("renewal")
                .whenScenarioStateIs(STARTED)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(401).withBody("Unauthorized"))
                .willSetStateTo("expired"));

        PublishedTest created = xray.create(user, story, scenario("S2", "Second"));

        assertThat(created.key()).isEqualTo("SHOP-20");
        STUBS.verify(2, postRequestedFor(urlEqualTo("/xray/api/v2/authenticate")));
        List<LoggedRequest> creates = graphQl("createTest");
        assertThat(creates).hasSize(3);
        assertThat(creates.get(2).getHeader("Authorization")).isEqualTo("Bearer " + RENEWED_TOKEN);
    }

    @Test
    void aKeyXrayRefusesAtAuthenticationIsRejectedCredentialsWithoutTheSecret() {
        STUBS.stubFor(post("/xray/api/v2/authenticate")
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "text/plain")
                        .withBody("Invalid client credentials")));

        assertThatThrownBy(() -> xray.create(user, story, scenario("S1", "Pays")))
                .isInstanceOfSatisfying(TargetException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS_REJECTED);
                    assertThat(e.target()).isEqualTo("xray");
                    assertThat(e.getMessage()).contains("Xray", "401").doesNotContain(XRAY_CLIENT_SECRET);
                });
        STUBS.verify(1, postRequestedFor(urlEqualTo("/xray/api/v2/authenticate")));
    }

    @Test
    void aGraphQlAnswerThatCarriesErrorsIsARejectionThatQuotesNothingOfIt() {
        STUBS.stubFor(post("/xray/api/v2/graphql").atPriority(1).willReturn(okJson("""
                        {"data":null,"errors":[{"message":"Gherkin parse error near 'When the shopper pays by card'",
                         "locations":[{"line":2,"column":3}]}]}""")));

        assertThatThrownBy(() -> xray.create(user, story, scenario("S1", "Pays")))
                .isInstanceOfSatisfying(TargetException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
                    assertThat(e.getMessage()).contains("Xray", "1 error").doesNotContain("shopper", "Gherkin parse");
                });
        STUBS.verify(0, postRequestedFor(urlEqualTo("/rest/api/3/issueLink")));
    }

    @Test
    void aCreateXrayDoesNotAnswerInTimeIsAnUnknownOutcomeAndIsNotRepeated() {
        STUBS.stubFor(post("/xray/api/v2/graphql")
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.query", containing("createTest")))
                .willReturn(okJson(CREATED).withFixedDelay(SLOWER_THAN_THE_READ_TIMEOUT)));

        assertThatThrownBy(() -> xray.create(user, story, scenario("S1", "Pays")))
                .isInstanceOfSatisfying(
                        TargetException.class, e -> assertThat(e.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN));
        assertThat(graphQl("createTest")).hasSize(1);
    }

    @Test
    void aTestJiraRefusesToLinkIsDeletedAgainSoThatARetryCannotDuplicateIt() {
        STUBS.stubFor(post("/rest/api/3/issueLink")
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"errorMessages\":[\"You do not have permission to link issues.\"],\"errors\":{}}")));
        STUBS.stubFor(post("/xray/api/v2/graphql")
                .withRequestBody(matchingJsonPath("$.query", containing("deleteTest")))
                .willReturn(okJson("{\"data\":{\"deleteTest\":\"Test deleted successfully.\"}}")));

        assertThatThrownBy(() -> xray.create(user, story, scenario("S1", "Pays")))
                .isInstanceOfSatisfying(TargetException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.PERMISSION_DENIED);
                    assertThat(e.getMessage()).contains("SHOP-20", "deleted again");
                });
        assertThat(body(graphQl("deleteTest").get(0))
                        .path("variables")
                        .path("issueId")
                        .asString())
                .isEqualTo("10100");
    }

    @Test
    void theExistingTestsAreTheCucumberTestsCoveringTheStoryAndThoseLabelledForItWithTheirGherkin() {
        STUBS.stubFor(post("/xray/api/v2/graphql")
                .withRequestBody(matchingJsonPath("$.query", containing("getCoverableIssue")))
                .withRequestBody(matchingJsonPath("$.variables.issueId", equalTo("10012")))
                .withRequestBody(matchingJsonPath("$.variables.jql", equalTo("labels = \"casewright-SHOP-12\"")))
                .willReturn(okJson("""
                        {"data":{
                          "getCoverableIssue":{"tests":{"total":2,"start":0,"limit":100,"results":[
                            {"issueId":"10100","gherkin":"Given a cart with 2 items\\nWhen the shopper pays by card\\nThen the order is confirmed",
                             "testType":{"name":"Cucumber","kind":"Gherkin"},"jira":{"key":"SHOP-20","summary":"Shopper pays by card"}},
                            {"issueId":"10101","gherkin":null,"testType":{"name":"Manual","kind":"Steps"},
                             "jira":{"key":"SHOP-21","summary":"Manual check of the receipt"}}]}},
                          "getTests":{"total":2,"start":0,"limit":100,"results":[
                            {"issueId":"10100","gherkin":"Given a cart with 2 items\\nWhen the shopper pays by card\\nThen the order is confirmed",
                             "testType":{"name":"Cucumber","kind":"Gherkin"},"jira":{"key":"SHOP-20","summary":"Shopper pays by card"}},
                            {"issueId":"10102","gherkin":"Given an empty cart\\nThen checkout is disabled",
                             "testType":{"name":"Cucumber","kind":"Gherkin"},"jira":{"key":"SHOP-22","summary":"Empty cart"}}]}}}""")));

        List<ExistingTest> existing = xray.existingTests(user, story);

        assertThat(existing)
                .containsExactly(
                        new ExistingTest(
                                "SHOP-20",
                                "Shopper pays by card",
                                "Given a cart with 2 items\nWhen the shopper pays by card\nThen the order is confirmed",
                                STUBS.baseUrl() + "/browse/SHOP-20"),
                        new ExistingTest(
                                "SHOP-22",
                                "Empty cart",
                                "Given an empty cart\nThen checkout is disabled",
                                STUBS.baseUrl() + "/browse/SHOP-22"));
    }

    @Test
    void anUpdateReplacesTheGherkinRenamesTheTestOnlyWhenTheTitleChangedAndKeepsItLinked() {
        STUBS.stubFor(post("/xray/api/v2/graphql")
                .withRequestBody(matchingJsonPath("$.query", containing("getTests")))
                .willReturn(okJson("""
                        {"data":{"getTests":{"total":1,"start":0,"limit":1,"results":[
                          {"issueId":"10100","jira":{"key":"SHOP-20","summary":"Shopper pays by card"}}]}}}""")));
        STUBS.stubFor(post("/xray/api/v2/graphql")
                .withRequestBody(matchingJsonPath("$.query", containing("updateGherkinTestDefinition")))
                .willReturn(okJson("{\"data\":{\"updateGherkinTestDefinition\":{\"issueId\":\"10100\"}}}")));
        STUBS.stubFor(put(urlPathEqualTo("/rest/api/3/issue/SHOP-20"))
                .willReturn(aResponse().withStatus(204)));
        var existing = new PublishedTest("SHOP-20", STUBS.baseUrl() + "/browse/SHOP-20", "10100");

        xray.update(user, story, scenario("S1", "Shopper pays by card"), existing);
        STUBS.verify(0, putRequestedFor(urlPathEqualTo("/rest/api/3/issue/SHOP-20")));
        PublishedTest updated = xray.update(user, story, scenario("S1", "Shopper pays by debit card"), existing);

        assertThat(updated).isEqualTo(existing);
        JsonNode replaced = body(graphQl("updateGherkinTestDefinition").get(1));
        assertThat(replaced.path("variables").path("issueId").asString()).isEqualTo("10100");
        assertThat(replaced.path("variables").path("gherkin").asString()).isEqualTo(STEPS);
        assertThat(body(graphQl("getTests").get(0))
                        .path("variables")
                        .path("jql")
                        .asString())
                .isEqualTo("key = SHOP-20");
        JsonNode renamed = body(STUBS.findAll(putRequestedFor(urlPathEqualTo("/rest/api/3/issue/SHOP-20")))
                .get(0));
        assertThat(renamed.toString()).isEqualTo("{\"fields\":{\"summary\":\"Shopper pays by debit card\"}}");
        // Each update also makes sure the test still "tests" the story (Jira takes a repeat as made).
        assertThat(STUBS.findAll(postRequestedFor(urlEqualTo("/rest/api/3/issueLink"))))
                .hasSize(2)
                .allSatisfy(link -> assertThat(
                                body(link).path("inwardIssue").path("key").asString())
                        .isEqualTo("SHOP-20"));
    }

    @Test
    void withoutAnApiKeyXrayIsNotConfiguredAndNothingIsSent() {
        credentials("", "", null);

        assertThatThrownBy(() -> xray.existingTests(user, story))
                .isInstanceOfSatisfying(
                        TargetException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_CONFIGURED));
        STUBS.verify(0, postRequestedFor(urlPathEqualTo("/xray/api/v2/authenticate")));
    }
}
