package dev.casewright.usage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "usage_event")
class UsageEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(name = "tenant_id", length = 36, nullable = false)
    private String tenantId;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(length = 32, nullable = false)
    private String operation;

    @Column(length = 32)
    private @Nullable String provider;

    @Column(length = 128)
    private @Nullable String model;

    @Column(name = "template_version", length = 32)
    private @Nullable String templateVersion;

    @Column(name = "input_tokens", nullable = false)
    private long inputTokens;

    @Column(name = "output_tokens", nullable = false)
    private long outputTokens;

    @Column(name = "duration_ms", nullable = false)
    private long durationMs;

    @Column(length = 32, nullable = false)
    private String outcome;

    @Column(nullable = false)
    private int scenarios;

    @Column(nullable = false)
    private int redactions;

    @Column(nullable = false)
    private int attachments;

    @SuppressWarnings("NullAway.Init") // for JPA
    protected UsageEventEntity() {}

    UsageEventEntity(UsageEvent event) {
        this.tenantId = event.tenant().value();
        this.occurredAt = event.occurredAt().truncatedTo(ChronoUnit.MICROS);
        this.operation = event.operation();
        this.provider = event.provider();
        this.model = event.model();
        this.templateVersion = event.templateVersion();
        this.inputTokens = event.inputTokens();
        this.outputTokens = event.outputTokens();
        this.durationMs = event.duration().toMillis();
        this.outcome = event.outcome();
        this.scenarios = event.scenarios();
        this.redactions = event.redactions();
        this.attachments = event.attachments();
    }
}
