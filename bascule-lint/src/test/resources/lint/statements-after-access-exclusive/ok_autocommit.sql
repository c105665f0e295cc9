-- bascule:no-transaction
-- the runner runs the statements one by one, each committed on its own
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
ALTER TABLE users ADD COLUMN nickname text;
COMMENT ON COLUMN users.nickname IS 'What friends call the user.';
