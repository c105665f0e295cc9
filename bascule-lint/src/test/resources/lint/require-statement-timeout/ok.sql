SET lock_timeout = '5s';
SET statement_timeout = '10min';
ALTER TABLE moves VALIDATE CONSTRAINT moves_status_check;
CREATE TABLE pets (id bigint PRIMARY KEY);
