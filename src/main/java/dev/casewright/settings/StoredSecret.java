package dev.casewright.settings;

import dev.casewright.crypto.SecretBinding;
import dev.casewright.tenancy.TenantId;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The encrypted columns of a tenant's settings. Each has its own purpose in the associated data,
 * so a ciphertext copied into another column (or another tenant's row) does not decrypt.
 */
enum StoredSecret {
    MODEL_API_KEY("settings.model-api-key", "apiKeyEnc", s -> s.apiKeyEnc, (s, v) -> s.apiKeyEnc = v),
    XRAY_CLIENT_ID(
            "settings.xray-client-id", "xrayClientIdEnc", s -> s.xrayClientIdEnc, (s, v) -> s.xrayClientIdEnc = v),
    XRAY_CLIENT_SECRET(
            "settings.xray-client-secret",
            "xrayClientSecretEnc",
            s -> s.xrayClientSecretEnc,
            (s, v) -> s.xrayClientSecretEnc = v),
    ZEPHYR_API_TOKEN(
            "settings.zephyr-api-token",
            "zephyrApiTokenEnc",
            s -> s.zephyrApiTokenEnc,
            (s, v) -> s.zephyrApiTokenEnc = v);

    private final String purpose;
    private final String field;
    private final Function<TenantSettingsEntity, byte @Nullable []> read;
    private final BiConsumer<TenantSettingsEntity, byte @Nullable []> write;

    StoredSecret(
            String purpose,
            String field,
            Function<TenantSettingsEntity, byte @Nullable []> read,
            BiConsumer<TenantSettingsEntity, byte @Nullable []> write) {
        this.purpose = purpose;
        this.field = field;
        this.read = read;
        this.write = write;
    }

    SecretBinding binding(TenantId tenant) {
        return new SecretBinding(tenant.value(), purpose);
    }

    /** The entity's field name, for the compare-and-set update of a key rotation. */
    String field() {
        return field;
    }

    byte @Nullable [] read(TenantSettingsEntity settings) {
        return read.apply(settings);
    }

    void write(TenantSettingsEntity settings, byte @Nullable [] ciphertext) {
        write.accept(settings, ciphertext);
    }
}
