package dev.casewright.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * The tenant lifecycle against the configured database: uninstall, reinstall, enable and disable,
 * the cloud id, deletion after the retention period, and two first installs racing.
 *
 * <p>Other test classes share the database, so every test uses fresh client keys, asserts only on
 * its own tenants and removes them afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@RecordApplicationEvents
class TenantLifecycleIntegrationTests {

    // The default casewright.tenancy.retention-after-uninstall; no test overrides it.
    private static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    // A fixed moment long past, so that a value a later call wrongly rewrites cannot match it.
    private static final LocalDateTime LONG_AGO = LocalDateTime.of(2020, 1, 2, 3, 4, 5, 123_456_000);

    @Autowired
    Tenants tenants;

    @Autowired
    TenantDataDeletion deletion;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEvents events;

    // Every client key a test uses, so that its tenants can be removed afterwards.
    private final List<String> clientKeys = new ArrayList<>();

    private String clientKey() {
        String clientKey = UUID.randomUUID().toString();
        clientKeys.add(clientKey);
        return clientKey;
    }

    // Leftover secrets are encrypted under this context's keyset; a class that runs later with
    // another keyset would find them undecryptable, and SecretReEncryption gives up on the whole
    // tenant store at the first one, so they must not outlive the test.
    @AfterEach
    void removeTheTenantsOfThisTest() {
        for (String clientKey : clientKeys) {
            jdbc.update("delete from tenant where client_key = ?", clientKey);
        }
    }

    private static TenantRegistration registration(String clientKey, String secret) {
        return new TenantRegistration(
                clientKey,
                URI.create("https://" + clientKey.substring(0, 8) + ".atlassian.net"),
                null,
                "jira",
                secret,
                "oauth-client-" + clientKey.substring(0, 8),
                null,
                null,
                null,
                null);
    }

    private Tenant installed() {
        return tenants.register(registration(clientKey(), "shared-secret"));
    }

    private Tenant uninstalled() {
        String clientKey = clientKey();
        tenants.register(registration(clientKey, "shared-secret"));
        return tenants.uninstall(clientKey).orElseThrow();
    }

    private Tenant reload(Tenant tenant) {
        return tenants.find(tenant.id()).orElseThrow();
    }

    private String clientKeyOf(Tenant tenant) {
        return jdbc.queryForObject(
                "select client_key from tenant where id = ?",
                String.class,
                tenant.id().value());
    }

    private boolean exists(Tenant tenant) {
        return tenants.find(tenant.id()).isPresent();
    }

    // Hibernate writes instants as UTC wall-clock times (hibernate.jdbc.time_zone=UTC); reading
    // them as LocalDateTime keeps the JVM's time zone out of the comparison.
    private @Nullable LocalDateTime timestamp(Tenant tenant, String column) {
        return jdbc.queryForObject(
                "select " + column + " from tenant where id = ?",
                LocalDateTime.class,
                tenant.id().value());
    }

    private @Nullable Object column(Tenant tenant, String column) {
        return jdbc.queryForObject(
                "select " + column + " from tenant where id = ?",
                Object.class,
                tenant.id().value());
    }

    private void setUninstallTimes(Tenant tenant, LocalDateTime uninstalledAt, LocalDateTime deleteAfter) {
        jdbc.update(
                "update tenant set uninstalled_at = ?, delete_after = ? where id = ?",
                uninstalledAt,
                deleteAfter,
                tenant.id().value());
    }

    private void setDeleteAfter(Tenant tenant, LocalDateTime deleteAfter) {
        jdbc.update(
                "update tenant set delete_after = ? where id = ?",
                deleteAfter,
                tenant.id().value());
    }

    private static LocalDateTime yesterday() {
        return LocalDateTime.now(ZoneOffset.UTC).minusDays(1);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private List<TenantId> expiredAnnouncements() {
        return events.stream(TenantDataExpired.class)
                .map(TenantDataExpired::tenant)
                .toList();
    }

    // --- uninstall -----------------------------------------------------------------------------

    @Test
    void uninstallMarksTheTenantUninstalled() {
        String clientKey = clientKey();
        Tenant tenant = tenants.register(registration(clientKey, "shared-secret"));

        Tenant uninstalled = tenants.uninstall(clientKey).orElseThrow();

        assertThat(uninstalled.id()).isEqualTo(tenant.id());
        assertThat(uninstalled.state()).isEqualTo(TenantState.UNINSTALLED);
        assertThat(uninstalled.uninstalledAt()).isNotNull();
        assertThat(reload(tenant)).isEqualTo(uninstalled);
    }

    @Test
    void uninstallDeletesTheSharedSecretAndOauthClientIdAtOnce() {
        Tenant tenant = uninstalled();

        assertThat(tenants.sharedSecret(tenant.id())).isEmpty();
        assertThat(tenants.oauthClientId(tenant.id())).isEmpty();
        // Not just unreadable: the columns themselves are emptied.
        assertThat(column(tenant, "shared_secret_enc")).isNull();
        assertThat(column(tenant, "oauth_client_id")).isNull();
    }

    @Test
    void uninstallSchedulesDeletionThirtyDaysLaterByDefault() {
        Tenant tenant = uninstalled();

        LocalDateTime uninstalledAt = timestamp(tenant, "uninstalled_at");
        assertThat(uninstalledAt).isEqualTo(utc(tenant.uninstalledAt()));
        assertThat(timestamp(tenant, "delete_after")).isEqualTo(uninstalledAt.plus(DEFAULT_RETENTION));
    }

    @Test
    void uninstallAnnouncesTenantUninstalledForThatTenant() {
        Tenant tenant = uninstalled();

        assertThat(events.stream(TenantUninstalled.class)).containsExactly(new TenantUninstalled(tenant.id()));
    }

    @Test
    void repeatingUninstallKeepsTheFirstUninstallTimeAndDeletionDate() {
        Tenant tenant = uninstalled();
        LocalDateTime deleteAfter = LONG_AGO.plus(DEFAULT_RETENTION);
        setUninstallTimes(tenant, LONG_AGO, deleteAfter);

        Tenant again = tenants.uninstall(clientKeyOf(tenant)).orElseThrow();

        assertThat(again.state()).isEqualTo(TenantState.UNINSTALLED);
        assertThat(timestamp(tenant, "uninstalled_at")).isEqualTo(LONG_AGO);
        assertThat(timestamp(tenant, "delete_after")).isEqualTo(deleteAfter);
    }

    @Test
    void uninstallOfAnUnknownClientKeyFindsNothingAndAnnouncesNothing() {
        assertThat(tenants.uninstall(clientKey())).isEmpty();
        // The test framework records its own ApplicationEvent subclasses; what the application
        // publishes (TenantUninstalled and the like) arrives as payload events.
        assertThat(events.stream().filter(PayloadApplicationEvent.class::isInstance))
                .isEmpty();
    }

    // --- reinstall -----------------------------------------------------------------------------

    @Test
    void reinstallingAfterUninstallReactivatesTheSameTenant() {
        String clientKey = clientKey();
        Tenant first = tenants.register(registration(clientKey, "first-secret"));
        tenants.uninstall(clientKey);

        Tenant again = tenants.register(registration(clientKey, "second-secret"));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.state()).isEqualTo(TenantState.INSTALLED);
        assertThat(again.uninstalledAt()).isNull();
        assertThat(timestamp(again, "uninstalled_at")).isNull();
        assertThat(timestamp(again, "delete_after")).isNull();
    }

    @Test
    void reinstallingAfterUninstallMakesTheNewSecretReadable() {
        String clientKey = clientKey();
        Tenant first = tenants.register(registration(clientKey, "first-secret"));
        tenants.uninstall(clientKey);

        tenants.register(registration(clientKey, "second-secret"));

        assertThat(tenants.sharedSecret(first.id())).contains("second-secret");
    }

    @Test
    void reinstallingAfterUninstallRenewsTheInstallTime() {
        String clientKey = clientKey();
        Tenant first = tenants.register(registration(clientKey, "first-secret"));
        tenants.uninstall(clientKey);
        // Backdated, so a renewed install time differs even on a coarse clock.
        jdbc.update(
                "update tenant set installed_at = ? where id = ?",
                LONG_AGO,
                first.id().value());

        Tenant again = tenants.register(registration(clientKey, "second-secret"));

        assertThat(utc(again.installedAt())).isAfter(LONG_AGO);
        assertThat(timestamp(again, "installed_at")).isEqualTo(utc(again.installedAt()));
    }

    @Test
    void reinstallingAfterUninstallAnnouncesTenantInstalled() {
        String clientKey = clientKey();
        Tenant first = tenants.register(registration(clientKey, "first-secret"));
        tenants.uninstall(clientKey);

        tenants.register(registration(clientKey, "second-secret"));

        // Once for the first install and once for the reinstall.
        assertThat(events.stream(TenantInstalled.class))
                .containsExactly(new TenantInstalled(first.id()), new TenantInstalled(first.id()));
    }

    // --- enable and disable --------------------------------------------------------------------

    @Test
    void disablingAnInstalledTenantMarksItDisabled() {
        Tenant tenant = installed();

        Tenant disabled = tenants.setEnabled(tenant.id(), false).orElseThrow();

        assertThat(disabled.state()).isEqualTo(TenantState.DISABLED);
        assertThat(reload(tenant).state()).isEqualTo(TenantState.DISABLED);
    }

    @Test
    void enablingADisabledTenantMarksItInstalledAgain() {
        Tenant tenant = installed();
        tenants.setEnabled(tenant.id(), false);

        Tenant enabled = tenants.setEnabled(tenant.id(), true).orElseThrow();

        assertThat(enabled.state()).isEqualTo(TenantState.INSTALLED);
        assertThat(reload(tenant).state()).isEqualTo(TenantState.INSTALLED);
    }

    @Test
    void enablingOrDisablingAnUninstalledTenantLeavesItUninstalled() {
        Tenant tenant = uninstalled();

        tenants.setEnabled(tenant.id(), true);
        tenants.setEnabled(tenant.id(), false);

        assertThat(reload(tenant).state()).isEqualTo(TenantState.UNINSTALLED);
    }

    // --- cloud id ------------------------------------------------------------------------------

    @Test
    void theFirstRecordedCloudIdIsStored() {
        Tenant tenant = installed();

        tenants.recordCloudId(tenant.id(), "cloud-1");

        assertThat(reload(tenant).cloudId()).isEqualTo("cloud-1");
    }

    @Test
    void aKnownCloudIdIsNeverReplaced() {
        Tenant tenant = installed();
        tenants.recordCloudId(tenant.id(), "cloud-1");

        tenants.recordCloudId(tenant.id(), "cloud-2");

        assertThat(reload(tenant).cloudId()).isEqualTo("cloud-1");
    }

    // --- deletion after the retention period ---------------------------------------------------

    @Test
    void deletionRemovesUninstalledTenantsWhoseRetentionPeriodHasPassed() {
        Tenant first = uninstalled();
        Tenant second = uninstalled();
        setDeleteAfter(first, yesterday());
        setDeleteAfter(second, yesterday());

        int deleted = deletion.deleteExpiredTenants();

        assertThat(exists(first)).isFalse();
        assertThat(exists(second)).isFalse();
        // Expired tenants left by other tests may be deleted in the same run.
        assertThat(deleted).isGreaterThanOrEqualTo(2);
    }

    @Test
    void deletionAnnouncesTenantDataExpiredForEachDeletedTenant() {
        Tenant expired = uninstalled();
        setDeleteAfter(expired, yesterday());

        deletion.deleteExpiredTenants();

        assertThat(expiredAnnouncements()).containsOnlyOnce(expired.id());
    }

    @Test
    void deletionKeepsAnUninstalledTenantWhoseRetentionPeriodHasNotPassed() {
        Tenant retained = uninstalled();

        deletion.deleteExpiredTenants();

        assertThat(exists(retained)).isTrue();
        assertThat(expiredAnnouncements()).doesNotContain(retained.id());
    }

    @Test
    void deletionKeepsAnInstalledTenantEvenWithAPastDeletionDate() {
        Tenant tenant = installed();
        // Uninstall is the only way to get a deletion date; planting one shows that the state
        // alone protects an installed tenant.
        setDeleteAfter(tenant, yesterday());

        deletion.deleteExpiredTenants();

        assertThat(exists(tenant)).isTrue();
        assertThat(expiredAnnouncements()).doesNotContain(tenant.id());
    }

    @Test
    void deletionKeepsATenantThatReinstalledBeforeTheRun() {
        String clientKey = clientKey();
        tenants.register(registration(clientKey, "first-secret"));
        Tenant uninstalled = tenants.uninstall(clientKey).orElseThrow();
        setDeleteAfter(uninstalled, yesterday());
        tenants.register(registration(clientKey, "second-secret"));

        deletion.deleteExpiredTenants();

        assertThat(exists(uninstalled)).isTrue();
        assertThat(reload(uninstalled).state()).isEqualTo(TenantState.INSTALLED);
        assertThat(expiredAnnouncements()).doesNotContain(uninstalled.id());
    }

    // --- concurrent first installs -------------------------------------------------------------

    @Test
    void concurrentFirstInstallsOfOneSiteEndWithOneTenant() throws Exception {
        // Races are not reproducible one by one; a few rounds make a lucky pass unlikely.
        int rounds = 10;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                String clientKey = clientKey();
                CountDownLatch ready = new CountDownLatch(2);
                CountDownLatch go = new CountDownLatch(1);
                Callable<Tenant> install = () -> {
                    ready.countDown();
                    go.await();
                    return tenants.register(registration(clientKey, "shared-secret"));
                };
                Future<Tenant> first = pool.submit(install);
                Future<Tenant> second = pool.submit(install);
                // Both callers are parked at the gate before it opens, so they really overlap.
                assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
                go.countDown();

                TenantId firstId = first.get(30, TimeUnit.SECONDS).id();
                TenantId secondId = second.get(30, TimeUnit.SECONDS).id();

                assertThat(secondId).as("round %d", round).isEqualTo(firstId);
                assertThat(jdbc.queryForList("select id from tenant where client_key = ?", String.class, clientKey))
                        .as("round %d", round)
                        .containsExactly(firstId.value());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
