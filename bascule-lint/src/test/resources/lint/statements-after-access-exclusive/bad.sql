ALTER TABLE users ADD COLUMN nickname text;
COMMENT ON COLUMN users.nickname IS 'What friends call the user.'; -- expect
UPDATE users SET nickname = first_name WHERE nickname IS NULL;
