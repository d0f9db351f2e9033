-- Usage metadata: one row per model call or publication. Counts and names only — never issue
-- text, prompts, scenarios or anything a user wrote. Runs unchanged on MySQL 8, MariaDB, H2.
CREATE TABLE usage_event (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id        VARCHAR(36)   NOT NULL,
    occurred_at      DATETIME(6)   NOT NULL,
    operation        VARCHAR(32)   NOT NULL,
    provider         VARCHAR(32)   NULL,
    model            VARCHAR(128)  NULL,
    template_version VARCHAR(32)   NULL,
    input_tokens     BIGINT        NOT NULL,
    output_tokens    BIGINT        NOT NULL,
    duration_ms      BIGINT        NOT NULL,
    outcome          VARCHAR(32)   NOT NULL,
    scenarios        INT           NOT NULL,
    redactions       INT           NOT NULL,
    attachments      INT           NOT NULL,
    CONSTRAINT pk_usage_event PRIMARY KEY (id)
);

CREATE INDEX ix_usage_event_tenant_time ON usage_event (tenant_id, occurred_at);
CREATE INDEX ix_usage_event_time ON usage_event (occurred_at);
