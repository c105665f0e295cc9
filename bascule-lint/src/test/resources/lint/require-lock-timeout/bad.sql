COMMENT ON TABLE users IS 'People who sign in.';
ALTER TABLE users ADD COLUMN nickname text; -- expect
ALTER TABLE users ADD COLUMN bio text;
