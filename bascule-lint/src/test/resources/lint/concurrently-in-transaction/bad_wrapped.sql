-- the runner wraps this file in a transaction: no bascule:no-transaction header
CREATE INDEX CONCURRENTLY users_email_idx ON users (email); -- expect
VACUUM users; -- expect
