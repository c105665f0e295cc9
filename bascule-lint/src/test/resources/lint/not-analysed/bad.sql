FROBNICATE TABLE users; -- expect
ALTER TABLE users ADD COLUMN nickname text;
ALTER TABLE users ADD COLUMN; -- expect
