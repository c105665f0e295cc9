BEGIN; -- expect
ALTER TABLE users ADD COLUMN nickname text;
COMMIT; -- expect
