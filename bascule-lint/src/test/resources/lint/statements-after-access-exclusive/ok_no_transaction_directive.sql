-- bascule:no-transaction
ALTER TABLE users ADD COLUMN nickname text;
COMMENT ON COLUMN users.nickname IS 'What friends call the user.';
