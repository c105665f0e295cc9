-- bascule:data
-- Written by bascule lint --fix after 20260101090000_order_tokens.up.sql: fills the existing rows in keyset batches, each its own short transaction.
-- bascule:batch size=5000
UPDATE orders SET token = gen_random_uuid() WHERE token IS NULL;
-- bascule:batch size=5000
UPDATE orders SET weight = random() * 10 WHERE weight IS NULL;
