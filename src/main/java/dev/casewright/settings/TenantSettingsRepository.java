package dev.casewright.settings;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface TenantSettingsRepository extends JpaRepository<TenantSettingsEntity, String> {

    @Query("select s from TenantSettingsEntity s where s.apiKeyEnc is not null")
    List<TenantSettingsEntity> findWithApiKey();

    @Modifying
    @Query("update TenantSettingsEntity s set s.apiKeyEnc = :replacement where s.tenantId = :tenant "
            + "and s.apiKeyEnc = :expected")
    int replaceApiKey(
            @Param("tenant") String tenant,
            @Param("expected") byte[] expected,
            @Param("replacement") byte[] replacement);

    @Modifying
    @Query("update TenantSettingsEntity s set s.apiKeyEnc = null where s.tenantId = :tenant")
    int forgetApiKey(@Param("tenant") String tenant);
}
