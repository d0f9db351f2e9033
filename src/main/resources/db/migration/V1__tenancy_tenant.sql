-- Tenants: Jira sites that installed the app. Written to run unchanged on MySQL 8, MariaDB 10.11+
-- and H2 in MySQL mode. Holds no issue content, ever.
CREATE TABLE tenant (
    id                 VARCHAR(36)   NOT NULL,
    client_key         VARCHAR(255)  NULL,
    installation_id    VARCHAR(255)  NULL,
    cloud_id           VARCHAR(64)   NULL,
    base_url           VARCHAR(255)  NOT NULL,
    display_url        VARCHAR(255)  NULL,
    product_type       VARCHAR(32)   NOT NULL,
    shared_secret_enc  VARBINARY(512) NULL,
    oauth_client_id    VARCHAR(255)  NULL,
    entitlement_id     VARCHAR(255)  NULL,
    entitlement_number VARCHAR(255)  NULL,
    state              VARCHAR(16)   NOT NULL,
    installed_at       DATETIME(6)   NOT NULL,
    updated_at         DATETIME(6)   NOT NULL,
    uninstalled_at     DATETIME(6)   NULL,
    delete_after       DATETIME(6)   NULL,
    version            BIGINT        NOT NULL,
    CONSTRAINT pk_tenant PRIMARY KEY (id),
    CONSTRAINT uk_tenant_client_key UNIQUE (client_key),
    CONSTRAINT uk_tenant_installation_id UNIQUE (installation_id)
);

CREATE INDEX ix_tenant_delete_after ON tenant (delete_after);
