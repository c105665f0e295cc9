ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email); -- expect
ALTER TABLE tdl ADD UNIQUE (code, market); -- expect
ALTER TABLE moves ADD COLUMN locator text UNIQUE; -- expect
