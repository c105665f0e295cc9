SET lock_timeout = '5s';
ALTER TABLE moves ADD CONSTRAINT moves_status_check CHECK (status <> '') NOT VALID;
ALTER TABLE moves VALIDATE CONSTRAINT moves_status_check; -- expect
