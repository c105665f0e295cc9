-- fixture: no-down
ALTER TABLE users ADD COLUMN nickname text;
