package dev.casewright.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casewright.crypto.SecretBinding;
import dev.casewright.crypto.SecretDecryptionException;
import dev.casewright.crypto.SecretReEncryption;
import dev.casewright.crypto.TestKeysets;
import dev.casewright.settings.SettingsChanges;
import dev.casewright.settings.TenantSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TenantsIntegrationTests {

    // The service runs on a rotated keyset; OLD_KEYSET plays the keyset before the rotation.
    private static final String OLD_KEYSET = TestKeysets.newKeyset();
    private static final String ROTATED_KEYSET = TestKeysets.rotate(OLD_KEYSET);

    @DynamicPropertySource
    static void keyset(DynamicPropertyRegistry registry) {
        registry.add("casewright.crypto.keyset", () -> ROTATED_KEYSET);
    }

    @Autowired
    Tenants tenants;

    @Autowired
    TenantRepository repository;

    @Autowired
    SecretReEncryption reEncryption;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TenantSettings settings;

    @Autowired
    TransactionTemplate transactions;

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

    private static String clientKey() {
        return UUID.randomUUID().toString();
    }

    private byte[] storedSecret(TenantId id) {
        return jdbc.queryForObject("select shared_secret_enc from tenant where id = ?", byte[].class, id.value());
    }

    @Test
    void aRegisteredTenantIsFoundByIdAndClientKeyWithItsSecret() {
        String clientKey = clientKey();
        Tenant tenant = tenants.register(registration(clientKey, "shared-secret-1"));

        assertThat(tenants.find(tenant.id())).contains(tenant);
        assertThat(tenants.findByClientKey(clientKey)).contains(tenant);
        assertThat(tenants.sharedSecret(tenant.id())).contains("shared-secret-1");
        assertThat(tenant.isActive()).isTrue();
        assertThat(tenant.displayUrl()).isEqualTo(tenant.siteUrl());
    }

    @Test
    void theDatabaseHoldsTheSharedSecretOnlyEncrypted() {
        Tenant tenant = tenants.register(registration(clientKey(), "never-in-clear-text"));

        assertThat(new String(storedSecret(tenant.id()), StandardCharsets.ISO_8859_1))
                .doesNotContain("never-in-clear-text");
    }

    @Test
    void aSecretCopiedIntoAnotherTenantsRowFailsToDecrypt() {
        Tenant victim = tenants.register(registration(clientKey(), "victim-secret"));
        Tenant attacker = tenants.register(registration(clientKey(), "attacker-secret"));

        jdbc.update(
                "update tenant set shared_secret_enc = ? where id = ?",
                storedSecret(victim.id()),
                attacker.id().value());

        assertThatThrownBy(() -> tenants.sharedSecret(attacker.id()))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageNotContaining("victim-secret");
    }

    @Test
    void aReinstallOverwritesTheSecretAndKeepsTheTenantId() {
        String clientKey = clientKey();
        Tenant first = tenants.register(registration(clientKey, "first-secret"));

        Tenant again = tenants.register(registration(clientKey, "second-secret"));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(tenants.sharedSecret(first.id())).contains("second-secret");
    }

    @Test
    void timesKeepTheirMicroseconds() {
        Tenant tenant = tenants.register(registration(clientKey(), "secret"));

        assertThat(tenants.find(tenant.id()).orElseThrow().installedAt()).isEqualTo(tenant.installedAt());
    }

    @Test
    void afterAKeyRotationTheJobReEncryptsOldSecretsAndTheyStayReadable() {
        Tenant tenant = tenants.register(registration(clientKey(), "placeholder"));
        byte[] underOldKey = TestKeysets.cipher(OLD_KEYSET)
                .encrypt("from-before-rotation", Tenants.sharedSecretBinding(tenant.id()));
        jdbc.update(
                "update tenant set shared_secret_enc = ? where id = ?",
                underOldKey,
                tenant.id().value());

        int reEncrypted = reEncryption.reEncryptOutdatedSecrets();

        byte[] now = storedSecret(tenant.id());
        assertThat(reEncrypted).isPositive();
        assertThat(now).isNotEqualTo(underOldKey);
        assertThat(TestKeysets.cipher(ROTATED_KEYSET).isUnderPrimaryKey(now)).isTrue();
        assertThat(tenants.sharedSecret(tenant.id())).contains("from-before-rotation");
        assertThat(reEncryption.reEncryptOutdatedSecrets()).isZero();
    }

    @Test
    void aSecretNoKeyCanReadDoesNotStopTheRotationForOthers() {
        Tenant unreadable = tenants.register(registration(clientKey(), "placeholder"));
        Tenant readable = tenants.register(registration(clientKey(), "placeholder"));
        byte[] foreign = TestKeysets.cipher(TestKeysets.newKeyset())
                .encrypt("lost", Tenants.sharedSecretBinding(unreadable.id()));
        byte[] underOldKey =
                TestKeysets.cipher(OLD_KEYSET).encrypt("still-readable", Tenants.sharedSecretBinding(readable.id()));
        jdbc.update(
                "update tenant set shared_secret_enc = ? where id = ?",
                foreign,
                unreadable.id().value());
        jdbc.update(
                "update tenant set shared_secret_enc = ? where id = ?",
                underOldKey,
                readable.id().value());

        reEncryption.reEncryptOutdatedSecrets();

        assertThat(TestKeysets.cipher(ROTATED_KEYSET).isUnderPrimaryKey(storedSecret(readable.id())))
                .isTrue();
        assertThat(tenants.sharedSecret(readable.id())).contains("still-readable");
        assertThat(storedSecret(unreadable.id())).isEqualTo(foreign);
    }

    @Test
    void reEncryptionLeavesASecretThatChangedMeanwhileAlone() {
        Tenant tenant = tenants.register(registration(clientKey(), "replaced-by-reinstall"));
        byte[] current = storedSecret(tenant.id());
        byte[] staleRead = TestKeysets.cipher(OLD_KEYSET).encrypt("stale", Tenants.sharedSecretBinding(tenant.id()));

        Integer updated = transactions.execute(
                status -> repository.replaceSharedSecret(tenant.id().value(), staleRead, new byte[] {1, 2, 3}));

        assertThat(updated).isZero();
        assertThat(storedSecret(tenant.id())).isEqualTo(current);
    }

    @Test
    void afterAKeyRotationTheJobAlsoReEncryptsTheTargetCredentialsOfTheSettings() {
        Tenant tenant = tenants.register(registration(clientKey(), "placeholder"));
        settings.update(
                new HostUser(tenant.id(), "5b10a2844c20165700ede21g"),
                SettingsChanges.targetCredentials("client-id", "placeholder", null));
        byte[] underOldKey = TestKeysets.cipher(OLD_KEYSET)
                .encrypt(
                        "secret-from-before-rotation",
                        new SecretBinding(tenant.id().value(), "settings.xray-client-secret"));
        jdbc.update(
                "update tenant_settings set xray_client_secret_enc = ? where tenant_id = ?",
                underOldKey,
                tenant.id().value());

        assertThat(reEncryption.reEncryptOutdatedSecrets()).isPositive();

        byte[] now = jdbc.queryForObject(
                "select xray_client_secret_enc from tenant_settings where tenant_id = ?",
                byte[].class,
                tenant.id().value());
        assertThat(TestKeysets.cipher(ROTATED_KEYSET).isUnderPrimaryKey(now)).isTrue();
        assertThat(settings.targetCredentials(tenant.id()).xrayClientSecret()).isEqualTo("secret-from-before-rotation");
    }
}
