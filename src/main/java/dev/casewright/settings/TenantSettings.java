package dev.casewright.settings;

import dev.casewright.crypto.SecretCipher;
import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.TenantId;
import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and changes a tenant's settings; the API key is encrypted and never handed out to pages. */
@Service
public class TenantSettings {

    static final Set<String> PROVIDERS =
            Set.of("none", "openai", "azure-openai", "anthropic", "gemini", "ollama", "openai-compatible");

    private final TenantSettingsRepository repository;
    private final SecretCipher cipher;
    private final Clock clock = Clock.systemUTC();

    TenantSettings(TenantSettingsRepository repository, SecretCipher cipher) {
        this.repository = repository;
        this.cipher = cipher;
    }

    /** The model settings with the key decrypted, for the generator; empty when never configured. */
    @Transactional(readOnly = true)
    public Optional<ModelSettings> model(TenantId tenant) {
        return repository
                .findById(tenant.value())
                .map(settings -> new ModelSettings(
                        settings.provider,
                        settings.model,
                        settings.baseUrl == null ? null : URI.create(settings.baseUrl),
                        decrypt(settings, StoredSecret.MODEL_API_KEY, tenant),
                        settings.instructions == null ? "" : settings.instructions,
                        settings.maskingEnabled,
                        settings.monthlyTokenBudget,
                        settings.version));
    }

    /**
     * The publishing targets' credentials, decrypted, for the target that calls with them; none
     * when never configured.
     */
    @Transactional(readOnly = true)
    public TargetCredentials targetCredentials(TenantId tenant) {
        return repository
                .findById(tenant.value())
                .map(settings -> new TargetCredentials(
                        decrypt(settings, StoredSecret.XRAY_CLIENT_ID, tenant),
                        decrypt(settings, StoredSecret.XRAY_CLIENT_SECRET, tenant),
                        decrypt(settings, StoredSecret.ZEPHYR_API_TOKEN, tenant)))
                .orElse(TargetCredentials.NONE);
    }

    /** How a tenant wants tests published; the automatic choices when never configured. */
    @Transactional(readOnly = true)
    public PublishingOptions publishingOptions(TenantId tenant) {
        return repository
                .findById(tenant.value())
                .map(settings -> new PublishingOptions(
                        settings.jiraTestIssueType, settings.jiraTestLinkType, settings.zephyrFolder))
                .orElse(PublishingOptions.AUTOMATIC);
    }

    private @Nullable String decrypt(TenantSettingsEntity settings, StoredSecret secret, TenantId tenant) {
        byte[] ciphertext = secret.read(settings);
        return ciphertext == null ? null : cipher.decrypt(ciphertext, secret.binding(tenant));
    }

    /** What pages may see: everything but the key, of which only whether it is set. */
    @Transactional(readOnly = true)
    public SettingsView view(TenantId tenant) {
        return repository.findById(tenant.value()).map(SettingsView::of).orElse(SettingsView.DEFAULTS);
    }

    /**
     * Applies a change by an administrator. A {@code null} secret (API key, target credential)
     * keeps the stored one, an empty one removes it: secrets are write-only, so the page never has
     * them to send back.
     */
    @Transactional
    public SettingsView update(HostUser administrator, SettingsChange change) {
        change.validate();
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        TenantId tenant = administrator.tenant();
        TenantSettingsEntity settings =
                repository.findById(tenant.value()).orElseGet(() -> new TenantSettingsEntity(tenant.value(), now));
        if (change.expectedVersion() != null && change.expectedVersion() != settings.version) {
            throw new SettingsChangedMeanwhileException();
        }
        settings.provider = change.provider();
        settings.model = blankToNull(change.model());
        settings.baseUrl = change.baseUrl() == null ? null : change.baseUrl().toString();
        apply(settings, StoredSecret.MODEL_API_KEY, change.apiKey(), tenant);
        apply(settings, StoredSecret.XRAY_CLIENT_ID, change.xrayClientId(), tenant);
        apply(settings, StoredSecret.XRAY_CLIENT_SECRET, change.xrayClientSecret(), tenant);
        apply(settings, StoredSecret.ZEPHYR_API_TOKEN, change.zephyrApiToken(), tenant);
        if (change.jiraTestIssueType() != null) {
            settings.jiraTestIssueType = blankToNull(change.jiraTestIssueType());
        }
        if (change.jiraTestLinkType() != null) {
            settings.jiraTestLinkType = blankToNull(change.jiraTestLinkType());
        }
        if (change.zephyrFolder() != null) {
            settings.zephyrFolder = SettingsChange.folderPath(change.zephyrFolder());
        }
        settings.instructions = blankToNull(change.instructions());
        settings.maskingEnabled = change.maskingEnabled();
        settings.monthlyTokenBudget = change.monthlyTokenBudget();
        settings.updatedAt = now;
        settings.updatedBy = administrator.accountId();
        return SettingsView.of(repository.saveAndFlush(settings));
    }

    /** {@code null} keeps the stored secret, blank removes it, anything else replaces it. */
    private void apply(TenantSettingsEntity settings, StoredSecret secret, @Nullable String value, TenantId tenant) {
        if (value != null) {
            secret.write(settings, value.isBlank() ? null : cipher.encrypt(value.strip(), secret.binding(tenant)));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Someone else saved the settings since this page loaded them. */
    public static class SettingsChangedMeanwhileException extends RuntimeException {
        SettingsChangedMeanwhileException() {
            super("Another administrator changed the settings meanwhile. Reload them and apply your change again.");
        }
    }
}
