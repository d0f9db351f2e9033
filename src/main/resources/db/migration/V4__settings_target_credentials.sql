-- Credentials for the publishing targets, written by the site's Jira administrators: Xray Cloud's
-- API key (client id and secret) and a Zephyr Scale API token. Each is encrypted on its own (Tink
-- AEAD bound to the tenant and to the column's purpose), write-only, and removed at uninstall.
-- One column per statement so the file runs unchanged on MySQL 8, MariaDB and H2.
ALTER TABLE tenant_settings ADD COLUMN xray_client_id_enc VARBINARY(1024) NULL;
ALTER TABLE tenant_settings ADD COLUMN xray_client_secret_enc VARBINARY(1024) NULL;
ALTER TABLE tenant_settings ADD COLUMN zephyr_api_token_enc VARBINARY(4096) NULL;
