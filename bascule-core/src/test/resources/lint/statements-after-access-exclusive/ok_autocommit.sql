-- CONCURRENTLY makes the runner run the file without a transaction: each statement commits on its own
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
ALTER TABLE users ADD COLUMN nickname text;
COMMENT ON COLUMN users.nickname IS 'What friends call the user.';
