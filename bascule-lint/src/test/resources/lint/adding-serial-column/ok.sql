ALTER TABLE users ADD COLUMN seq bigint;
CREATE TABLE counters (id bigserial PRIMARY KEY);
