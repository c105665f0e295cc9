-- Replay stop: 20200819211216_ateam_table_comments fails at line 240 with relation "schema_migration" does not
-- exist. Not a placeholder's fault: the migration comments on Pop's own bookkeeping table, which every database
-- 'milmove migrate' ran on has. Fix: create Pop's table as Pop creates it (empty: Bascule keeps its own history).
CREATE TABLE schema_migration (version varchar(14) NOT NULL);
CREATE UNIQUE INDEX schema_migration_version_idx ON schema_migration (version);
