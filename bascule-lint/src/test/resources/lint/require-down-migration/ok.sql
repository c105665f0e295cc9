-- fixture: require-down
ALTER TABLE users ADD COLUMN nickname text;
