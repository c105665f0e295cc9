-- bascule:no-transaction
UPDATE users SET active = true WHERE id < 1000;
SELECT pg_sleep(1);
UPDATE users SET active = true WHERE id >= 1000;
