-- bascule:no-transaction
BEGIN;
LOCK TABLE orders IN ACCESS EXCLUSIVE MODE;
DELETE FROM orders WHERE total < 0; -- expect
COMMIT;
