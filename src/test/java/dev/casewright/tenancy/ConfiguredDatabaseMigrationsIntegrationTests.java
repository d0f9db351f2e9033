package dev.casewright.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The database the integration tests were given ({@code CASEWRIGHT_TEST_DB_URL}: MariaDB in CI)
 * gets the same migrations unchanged, and Hibernate validates the schema against it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ConfiguredDatabaseMigrationsIntegrationTests {

    @Autowired
    Flyway flyway;

    @Autowired
    DataSource dataSource;

    @Test
    void migrationsApplyOnTheConfiguredDatabase() throws Exception {
        String expectedProduct = expectedProduct(System.getenv("CASEWRIGHT_TEST_DB_URL"));
        try (var connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            assertThat(product).containsIgnoringCase(expectedProduct);
        }
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().current()).isNotNull();
    }

    private static String expectedProduct(String url) {
        if (url == null || url.isBlank()) {
            return "H2";
        }
        return url.startsWith("jdbc:mariadb:") ? "MariaDB" : "MySQL";
    }
}
