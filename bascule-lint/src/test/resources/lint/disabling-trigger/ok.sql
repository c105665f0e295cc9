SET LOCAL session_replication_role = replica;
UPDATE moves SET status = 'DRAFT' WHERE status IS NULL;
CREATE TABLE staging (id bigint PRIMARY KEY);
ALTER TABLE staging DISABLE TRIGGER USER;
