ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid(); -- expect
ALTER TABLE users ADD COLUMN seen_at timestamptz NOT NULL DEFAULT clock_timestamp(); -- expect
