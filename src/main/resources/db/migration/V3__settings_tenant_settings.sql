-- Per-tenant configuration written by the site's Jira administrators. The API key is encrypted
-- (Tink AEAD bound to the tenant and purpose); instructions are the admin's own words for the
-- prompt frame. No issue content. Runs unchanged on MySQL 8, MariaDB and H2.
CREATE TABLE tenant_settings (
    tenant_id            VARCHAR(36)    NOT NULL,
    provider             VARCHAR(32)    NOT NULL,
    model                VARCHAR(128)   NULL,
    base_url             VARCHAR(512)   NULL,
    api_key_enc          VARBINARY(2048) NULL,
    instructions         VARCHAR(4000)  NULL,
    masking_enabled      BOOLEAN        NOT NULL,
    monthly_token_budget BIGINT         NULL,
    updated_at           DATETIME(6)    NOT NULL,
    updated_by           VARCHAR(128)   NULL,
    version              BIGINT         NOT NULL,
    CONSTRAINT pk_tenant_settings PRIMARY KEY (tenant_id)
);
