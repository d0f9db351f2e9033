package dev.casewright.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The embedded default (H2 in MySQL mode) always gets the migrations and Hibernate's schema
 * validation, whatever database the other integration tests run on.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:embedded-migrations;MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
                    + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
            "spring.datasource.username=sa",
            "spring.datasource.password="
        })
class EmbeddedDatabaseMigrationsIntegrationTests {

    @Autowired
    Flyway flyway;

    @Autowired
    DataSource dataSource;

    @Autowired
    Tenants tenants;

    @Test
    void migrationsApplyOnH2InMySqlModeAndMatchTheEntities() throws Exception {
        try (var connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("H2");
        }
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().applied())
                .isNotEmpty()
                .allSatisfy(
                        migration -> assertThat(migration.getState().isFailed()).isFalse());

        String clientKey = UUID.randomUUID().toString();
        var tenant = tenants.register(new TenantRegistration(
                clientKey, URI.create("https://h2.atlassian.net"), null, "jira", "s", null, null, null, null, null));
        assertThat(tenants.findByClientKey(clientKey)).contains(tenant);
    }
}
