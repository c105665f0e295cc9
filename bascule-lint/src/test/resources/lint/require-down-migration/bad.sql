-- fixture: require-down no-down
ALTER TABLE users ADD COLUMN nickname text; -- expect
