-- How a site's administrator wants tests published to Jira: the names (never ids) of the issue
-- type tests are created as and of the link type that links them to their story. NULL means the
-- automatic choice. Names only, no issue content. One column per statement so the file runs
-- unchanged on MySQL 8, MariaDB and H2.
ALTER TABLE tenant_settings ADD COLUMN jira_test_issue_type VARCHAR(255) NULL;
ALTER TABLE tenant_settings ADD COLUMN jira_test_link_type VARCHAR(255) NULL;
