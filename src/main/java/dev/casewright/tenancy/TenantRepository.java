package dev.casewright.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface TenantRepository extends JpaRepository<TenantEntity, String> {

    Optional<TenantEntity> findByClientKey(String clientKey);

    @Query("select t.id from TenantEntity t where t.state = dev.casewright.tenancy.TenantState.UNINSTALLED "
            + "and t.deleteAfter < :now")
    List<String> findExpired(@Param("now") Instant now);

    @Modifying
    @Query("delete from TenantEntity t where t.id = :id and t.state = dev.casewright.tenancy.TenantState.UNINSTALLED "
            + "and t.deleteAfter < :now")
    int deleteIfExpired(@Param("id") String id, @Param("now") Instant now);

    interface StoredSecret {
        String getId();

        byte[] getSharedSecretEnc();
    }

    @Query("select t.id as id, t.sharedSecretEnc as sharedSecretEnc from TenantEntity t "
            + "where t.sharedSecretEnc is not null")
    List<StoredSecret> findStoredSharedSecrets();

    /** Compare and set: a secret replaced by a re-install since it was read is left alone. */
    @Modifying
    @Query("update TenantEntity t set t.sharedSecretEnc = :replacement "
            + "where t.id = :id and t.sharedSecretEnc = :expected")
    int replaceSharedSecret(
            @Param("id") String id, @Param("expected") byte[] expected, @Param("replacement") byte[] replacement);
}
