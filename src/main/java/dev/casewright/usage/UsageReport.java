package dev.casewright.usage;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Totals for a tenant over a date range: per day and per model. Counts only. */
public record UsageReport(LocalDate from, LocalDate to, List<Day> days, List<Model> models, Totals totals) {

    public record Day(LocalDate date, long calls, long inputTokens, long outputTokens, long scenarios) {}

    public record Model(
            @Nullable String provider,
            @Nullable String model,
            long calls,
            long inputTokens,
            long outputTokens,
            long scenarios,
            long redactions) {}

    public record Totals(long calls, long inputTokens, long outputTokens, long scenarios) {}
}
