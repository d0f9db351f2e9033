package dev.casewright.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "tenant_settings")
class TenantSettingsEntity {

    @Id
    @Column(name = "tenant_id", length = 36)
    private String tenantId;

    @Column(length = 32, nullable = false)
    String provider;

    @Column(length = 128)
    @Nullable
    String model;

    @Column(name = "base_url", length = 512)
    @Nullable
    String baseUrl;

    @Column(name = "api_key_enc", length = 2048)
    byte @Nullable [] apiKeyEnc;

    @Column(name = "xray_client_id_enc", length = 1024)
    byte @Nullable [] xrayClientIdEnc;

    @Column(name = "xray_client_secret_enc", length = 1024)
    byte @Nullable [] xrayClientSecretEnc;

    @Column(name = "zephyr_api_token_enc", length = 4096)
    byte @Nullable [] zephyrApiTokenEnc;

    @Column(name = "jira_test_issue_type", length = 255)
    @Nullable
    String jiraTestIssueType;

    @Column(name = "jira_test_link_type", length = 255)
    @Nullable
    String jiraTestLinkType;

    @Column(name = "zephyr_folder", length = 1024)
    @Nullable
    String zephyrFolder;

    @Column(length = 4000)
    @Nullable
    String instructions;

    @Column(name = "masking_enabled", nullable = false)
    boolean maskingEnabled;

    @Column(name = "monthly_token_budget")
    @Nullable
    Long monthlyTokenBudget;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Column(name = "updated_by", length = 128)
    @Nullable
    String updatedBy;

    @Version
    long version;

    @SuppressWarnings("NullAway.Init") // for JPA
    protected TenantSettingsEntity() {}

    TenantSettingsEntity(String tenantId, Instant now) {
        this.tenantId = tenantId;
        this.provider = "none";
        this.maskingEnabled = true;
        this.updatedAt = now;
    }

    String tenantId() {
        return tenantId;
    }
}
