package dev.casewright.usage;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.StubJira;
import dev.casewright.tenancy.TenantDataExpired;
import dev.casewright.tenancy.TenantId;
import dev.casewright.tenancy.Tenants;
import dev.casewright.tenancy.TestTenants;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest
@AutoConfigureMockMvc
class UsageIntegrationTests {

    static final WireMockServer JIRA = StubJira.SERVER;
    static final String ADMIN = "5b10a2844c20165700ede21g";
    static final String MEMBER = "5b10ac8d82e05b22cc7d4ef5";

    @DynamicPropertySource
    static void stubs(DynamicPropertyRegistry registry) {
        StubJira.register(registry);
    }

    @Autowired
    UsageRecorder recorder;

    @Autowired
    UsageRetention retention;

    @Autowired
    Tenants tenants;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    private TenantId tenant;

    @BeforeEach
    void tenantOnAStubSite() {
        JIRA.resetAll();
        // The administrator check asks Jira as the user; tokens tell the stub who is asking.
        JIRA.stubFor(post("/oauth2/token")
                .willReturn(
                        okJson("{\"access_token\":\"member-token\",\"expires_in\":900,\"token_type\":\"Bearer\"}")));
        JIRA.stubFor(post("/rest/api/3/permissions/check")
                .willReturn(okJson("{\"globalPermissions\":[],\"projectPermissions\":[]}")));
        tenant = TestTenants.newSite(tenants, URI.create(JIRA.baseUrl()));
    }

    private UsageEvent event(Instant at, String model, long in, long out, int scenarios) {
        return new UsageEvent(
                tenant,
                at,
                "generate.plan",
                "openai",
                model,
                "v1",
                in,
                out,
                Duration.ofMillis(900),
                "ok",
                scenarios,
                2,
                1);
    }

    private Authentication as(String accountId) {
        return TestTenants.caller(new HostUser(tenant, accountId));
    }

    @Test
    void recordedUsageAddsUpByDayAndByModelForAdministrators() throws Exception {
        Instant day = LocalDate.of(2026, 11, 2).atTime(10, 0).toInstant(ZoneOffset.UTC);
        recorder.record(event(day, "gpt-4o-mini", 1200, 300, 6));
        recorder.record(event(day.plusSeconds(60), "gpt-4o-mini", 800, 200, 4));
        recorder.record(event(day.plus(Duration.ofDays(1)), "claude-sonnet", 500, 100, 2));
        JIRA.stubFor(post("/oauth2/token")
                .atPriority(1)
                .willReturn(okJson("{\"access_token\":\"admin-token\",\"expires_in\":900,\"token_type\":\"Bearer\"}")));
        JIRA.stubFor(post("/rest/api/3/permissions/check")
                .atPriority(1)
                .withHeader("Authorization", equalTo("Bearer admin-token"))
                .willReturn(okJson("{\"globalPermissions\":[\"ADMINISTER\"],\"projectPermissions\":[]}")));

        mvc.perform(MockMvcRequestBuilders.get("/api/usage")
                        .param("from", "2026-11-01")
                        .param("to", "2026-11-30")
                        .with(authentication(as(ADMIN))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totals.calls").value(3))
                .andExpect(jsonPath("$.totals.inputTokens").value(2500))
                .andExpect(jsonPath("$.totals.outputTokens").value(600))
                .andExpect(jsonPath("$.days[0].date").value("2026-11-02"))
                .andExpect(jsonPath("$.days[0].calls").value(2))
                .andExpect(jsonPath("$.days[1].inputTokens").value(500))
                .andExpect(jsonPath("$.models[?(@.model == 'gpt-4o-mini')].scenarios")
                        .value(10));
    }

    @Test
    void usageIsForJiraAdministratorsOnly() throws Exception {
        mvc.perform(MockMvcRequestBuilders.get("/api/usage").with(authentication(as(MEMBER))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("/problems/administrators-only"));
    }

    @Test
    void theUsageTableHasNoColumnThatCouldHoldText() {
        // Through JDBC metadata of the current catalog: information_schema spans every database on MariaDB.
        List<String> columns = jdbc.execute((java.sql.Connection connection) -> {
            List<String> names = new java.util.ArrayList<>();
            try (var rows = connection.getMetaData().getColumns(connection.getCatalog(), null, "usage_event", null)) {
                while (rows.next()) {
                    names.add(rows.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                }
            }
            return names;
        });

        assertThat(columns)
                .containsExactlyInAnyOrder(
                        "id",
                        "tenant_id",
                        "occurred_at",
                        "operation",
                        "provider",
                        "model",
                        "template_version",
                        "input_tokens",
                        "output_tokens",
                        "duration_ms",
                        "outcome",
                        "scenarios",
                        "redactions",
                        "attachments");
    }

    @Test
    void outcomesAndOperationsAreCodesNotProse() {
        assertThatThrownBy(() -> new UsageEvent(
                        tenant,
                        Instant.now(),
                        "generate",
                        null,
                        null,
                        null,
                        0,
                        0,
                        Duration.ZERO,
                        "The user said: hello",
                        0,
                        0,
                        0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTenantsUsageGoesWhenItsDataExpires() {
        recorder.record(event(Instant.now(), "gpt-4o-mini", 1, 1, 1));

        transactions.executeWithoutResult(status -> events.publishEvent(new TenantDataExpired(tenant)));

        assertThat(jdbc.queryForObject(
                        "select count(*) from usage_event where tenant_id = ?", Integer.class, tenant.value()))
                .isZero();
    }

    @Test
    void usageOlderThanThirteenMonthsIsDeleted() {
        recorder.record(event(Instant.now().minus(Duration.ofDays(420)), "old-model", 1, 1, 1));
        recorder.record(event(Instant.now().minus(Duration.ofDays(10)), "new-model", 1, 1, 1));

        retention.deleteExpired();

        assertThat(jdbc.queryForList("select model from usage_event where tenant_id = ?", String.class, tenant.value()))
                .containsExactly("new-model");
    }
}
