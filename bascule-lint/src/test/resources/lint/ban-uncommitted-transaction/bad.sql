-- bascule:no-transaction
BEGIN; -- expect
ALTER TABLE users ADD COLUMN nickname text;
SAVEPOINT s1;
