package dev.casewright.usage;

import dev.casewright.tenancy.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Sums usage for a tenant; days are UTC days. */
@Component
public class UsageReports {

    static final int MAX_DAYS = 400;

    private final UsageEventRepository events;

    UsageReports(UsageEventRepository events) {
        this.events = events;
    }

    @Transactional(readOnly = true)
    UsageReport report(TenantId tenant, LocalDate from, LocalDate to) {
        if (to.isBefore(from) || from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new IllegalArgumentException("a usage report covers 1 to " + MAX_DAYS + " days");
        }
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

        Map<LocalDate, long[]> byDay = new TreeMap<>();
        for (Object[] row : events.eventsBetween(tenant.value(), start, end)) {
            LocalDate day = ((Instant) row[0]).atZone(ZoneOffset.UTC).toLocalDate();
            long[] sums = byDay.computeIfAbsent(day, d -> new long[4]);
            sums[0]++;
            sums[1] += ((Number) row[1]).longValue();
            sums[2] += ((Number) row[2]).longValue();
            sums[3] += ((Number) row[3]).longValue();
        }
        List<UsageReport.Day> days = new ArrayList<>();
        long[] total = new long[4];
        byDay.forEach((day, sums) -> {
            days.add(new UsageReport.Day(day, sums[0], sums[1], sums[2], sums[3]));
            for (int i = 0; i < 4; i++) {
                total[i] += sums[i];
            }
        });
        List<UsageReport.Model> models = new ArrayList<>();
        for (Object[] row : events.totalsByModel(tenant.value(), start, end)) {
            models.add(new UsageReport.Model(
                    (String) row[0],
                    (String) row[1],
                    number(row[2]),
                    number(row[3]),
                    number(row[4]),
                    number(row[5]),
                    number(row[6])));
        }
        return new UsageReport(from, to, days, models, new UsageReport.Totals(total[0], total[1], total[2], total[3]));
    }

    /** Input plus output tokens recorded for the tenant from {@code since} on, e.g. for a budget. */
    @Transactional(readOnly = true)
    public long tokensUsedSince(TenantId tenant, Instant since) {
        return events.tokensSince(tenant.value(), since);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
