package dev.casewright.settings;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface TenantSettingsRepository extends JpaRepository<TenantSettingsEntity, String> {

    @Query("select s from TenantSettingsEntity s where s.apiKeyEnc is not null or s.xrayClientIdEnc is not null "
            + "or s.xrayClientSecretEnc is not null or s.zephyrApiTokenEnc is not null")
    List<TenantSettingsEntity> findWithSecrets();

    @Modifying
    @Query("update TenantSettingsEntity s set s.apiKeyEnc = null, s.xrayClientIdEnc = null, "
            + "s.xrayClientSecretEnc = null, s.zephyrApiTokenEnc = null where s.tenantId = :tenant")
    int forgetSecrets(@Param("tenant") String tenant);
}
