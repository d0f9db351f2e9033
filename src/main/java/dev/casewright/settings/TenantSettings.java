package dev.casewright.settings;

import dev.casewright.crypto.SecretBinding;
import dev.casewright.crypto.SecretCipher;
import dev.casewright.tenancy.HostUser;
import dev.casewright.tenancy.TenantId;
import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and changes a tenant's settings; the API key is encrypted and never handed out to pages. */
@Service
public class TenantSettings {

    static final String API_KEY = "settings.model-api-key";
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
                        settings.apiKeyEnc == null ? null : cipher.decrypt(settings.apiKeyEnc, binding(tenant)),
                        settings.instructions == null ? "" : settings.instructions,
                        settings.maskingEnabled,
                        settings.monthlyTokenBudget,
                        settings.version));
    }

    /** What pages may see: everything but the key, of which only whether it is set. */
    @Transactional(readOnly = true)
    public SettingsView view(TenantId tenant) {
        return repository.findById(tenant.value()).map(SettingsView::of).orElse(SettingsView.DEFAULTS);
    }

    /**
     * Applies a change by an administrator. A {@code null} API key keeps the stored one, an empty
     * one removes it: the key is write-only, so the page never has it to send back.
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
        if (change.apiKey() != null) {
            settings.apiKeyEnc = change.apiKey().isBlank()
                    ? null
                    : cipher.encrypt(change.apiKey().strip(), binding(tenant));
        }
        settings.instructions = blankToNull(change.instructions());
        settings.maskingEnabled = change.maskingEnabled();
        settings.monthlyTokenBudget = change.monthlyTokenBudget();
        settings.updatedAt = now;
        settings.updatedBy = administrator.accountId();
        return SettingsView.of(repository.saveAndFlush(settings));
    }

    static SecretBinding binding(TenantId tenant) {
        return new SecretBinding(tenant.value(), API_KEY);
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
