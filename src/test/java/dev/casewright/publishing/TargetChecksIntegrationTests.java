package dev.casewright.publishing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.casewright.settings.SettingsChanges;
import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.TenantRegistration;
import dev.casewright.tenancy.TestTenants;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** {@code POST /api/settings/checks/xray} and {@code …/zephyr}: one real call with the stored credentials. */
class TargetChecksIntegrationTests extends TargetStubs {

    static final String MEMBER = "5b10ac8d82e05b22cc7d4ef5";

    @Autowired
    MockMvc mvc;

    @BeforeEach
    void jiraKnowsItsAdministrators() {
        STUBS.stubFor(post("/rest/api/3/permissions/check")
                .willReturn(okJson("{\"globalPermissions\":[\"ADMINISTER\"],\"projectPermissions\":[]}")));
        STUBS.stubFor(post("/xray/api/v2/authenticate").willReturn(okJson("\"eyJhbGciOiJIUzI1NiJ9.xray.c2ln\"")));
        STUBS.stubFor(get("/zephyr/v2/projects?maxResults=1")
                .withHeader("Authorization", equalTo("Bearer " + ZEPHYR_TOKEN))
                .willReturn(okJson("{\"startAt\":0,\"maxResults\":1,\"total\":3,\"isLast\":false,"
                        + "\"values\":[{\"id\":10005,\"jiraProjectId\":10000,\"key\":\"SHOP\",\"enabled\":true}]}")));
    }

    private ResultActions check(String target, HostUser caller) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/api/settings/checks/" + target)
                .with(authentication(TestTenants.caller(caller))));
    }

    @Test
    void anAdministratorsCheckOfGoodXrayCredentialsAnswersOk() throws Exception {
        check("xray", user).andExpect(status().isOk()).andExpect(content().json("{\"target\":\"xray\",\"ok\":true}"));

        STUBS.verify(1, postRequestedFor(urlEqualTo("/xray/api/v2/authenticate")));
    }

    @Test
    void anAdministratorsCheckOfAGoodZephyrTokenAnswersOk() throws Exception {
        check("zephyr", user)
                .andExpect(status().isOk())
                .andExpect(content().json("{\"target\":\"zephyr\",\"ok\":true}"));
    }

    @Test
    void credentialsXrayRefusesAnswerAProblemNamingTheTargetAndNotTheSecret() throws Exception {
        STUBS.stubFor(post("/xray/api/v2/authenticate")
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "text/plain")
                        .withBody("Invalid client credentials")));

        String problem = check("xray", user)
                .andExpect(status().isBadGateway())
                .andExpect(jsonPath("$.type").value("/problems/xray-credentials-rejected"))
                .andExpect(jsonPath("$.target").value("xray"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        assertThat(problem).doesNotContain(XRAY_CLIENT_SECRET, XRAY_CLIENT_ID);
    }

    @Test
    void aTargetWithoutCredentialsIsAProblemThatSaysItIsNotConfigured() throws Exception {
        credentials(null, null, "");

        check("zephyr", user)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("/problems/zephyr-not-configured"));
    }

    @Test
    void onlyJiraAdministratorsMayCheckAndOthersCauseNoCallToTheTarget() throws Exception {
        STUBS.stubFor(post("/rest/api/3/permissions/check")
                .atPriority(1)
                .willReturn(okJson("{\"globalPermissions\":[],\"projectPermissions\":[]}")));

        check("xray", new HostUser(tenant, MEMBER))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("/problems/administrators-only"));
        STUBS.verify(0, postRequestedFor(urlEqualTo("/xray/api/v2/authenticate")));
    }

    @Test
    void theCheckIsReachableWithAContextTokenFromJira() throws Exception {
        String clientKey = UUID.randomUUID().toString();
        String secret = "checks-shared-secret-0123456789abcdefghij";
        var site = tenants.register(new TenantRegistration(
                clientKey, URI.create(STUBS.baseUrl()), null, "jira", secret, "oauth-client", null, null, null, null));
        settings.update(new HostUser(site.id(), ACCOUNT), SettingsChanges.targetCredentials(null, null, ZEPHYR_TOKEN));

        mvc.perform(MockMvcRequestBuilders.post("/api/settings/checks/zephyr")
                        .header("Authorization", "JWT " + contextToken(clientKey, secret)))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"target\":\"zephyr\",\"ok\":true}"));
    }

    private static String contextToken(String clientKey, String secret) throws JOSEException {
        Instant now = Instant.now();
        var claims = new JWTClaimsSet.Builder()
                .issuer(clientKey)
                .subject(ACCOUNT)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(180)))
                .claim("qsh", "context-qsh")
                .build();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
