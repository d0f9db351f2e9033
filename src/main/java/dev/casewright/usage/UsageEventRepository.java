package dev.casewright.usage;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface UsageEventRepository extends JpaRepository<UsageEventEntity, Long> {

    /** Per model: calls, input and output tokens, scenarios, redactions; within [from, to). */
    @Query("select e.provider, e.model, count(e), sum(e.inputTokens), sum(e.outputTokens), sum(e.scenarios), "
            + "sum(e.redactions) from UsageEventEntity e "
            + "where e.tenantId = :tenant and e.occurredAt >= :from and e.occurredAt < :to "
            + "group by e.provider, e.model order by e.provider, e.model")
    List<Object[]> totalsByModel(@Param("tenant") String tenant, @Param("from") Instant from, @Param("to") Instant to);

    /** The events of [from, to), for grouping by day in the caller's zone. */
    @Query("select e.occurredAt, e.inputTokens, e.outputTokens, e.scenarios from UsageEventEntity e "
            + "where e.tenantId = :tenant and e.occurredAt >= :from and e.occurredAt < :to")
    List<Object[]> eventsBetween(@Param("tenant") String tenant, @Param("from") Instant from, @Param("to") Instant to);

    /** Input plus output tokens from {@code since} on; 0 when there were none. */
    @Query("select coalesce(sum(e.inputTokens + e.outputTokens), 0) from UsageEventEntity e "
            + "where e.tenantId = :tenant and e.occurredAt >= :since")
    long tokensSince(@Param("tenant") String tenant, @Param("since") Instant since);

    @Modifying
    @Query("delete from UsageEventEntity e where e.tenantId = :tenant")
    int deleteByTenant(@Param("tenant") String tenant);

    @Modifying
    @Query("delete from UsageEventEntity e where e.occurredAt < :before")
    int deleteOlderThan(@Param("before") Instant before);
}
