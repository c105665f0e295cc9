-- bascule:no-transaction
-- Written by bascule lint --fix after 20260101090000_orders_status.up.sql: index builds that do not block writes; CREATE INDEX CONCURRENTLY cannot run in a transaction.
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
