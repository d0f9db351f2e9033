-- The Zephyr Scale folder new test cases are created in, as a site's administrator names it: a
-- folder name or a path of names ("Regression/Checkout"), never an id; the Zephyr target resolves
-- it in the story's project at run time. NULL means no folder (Zephyr's root). Names only, no
-- issue content. Runs unchanged on MySQL 8, MariaDB and H2.
ALTER TABLE tenant_settings ADD COLUMN zephyr_folder VARCHAR(1024) NULL;
