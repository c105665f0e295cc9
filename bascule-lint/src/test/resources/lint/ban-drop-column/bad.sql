ALTER TABLE users DROP COLUMN legacy_flag; -- expect
ALTER TABLE moves DROP IF EXISTS old_status, DROP COLUMN old_note CASCADE; -- expect
