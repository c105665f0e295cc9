SET lock_timeout = 0;
CREATE INDEX users_email_idx ON users (email); -- expect
