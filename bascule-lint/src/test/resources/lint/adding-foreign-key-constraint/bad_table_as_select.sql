-- A table created filled from a query holds rows: the key is checked against all of them while users is locked.
CREATE TABLE archived_moves AS SELECT * FROM moves WHERE archived;
ALTER TABLE archived_moves ADD CONSTRAINT archived_moves_user_fkey FOREIGN KEY (user_id) REFERENCES users (id); -- expect
SELECT * INTO old_orders FROM orders WHERE created_at < '2020-01-01';
ALTER TABLE old_orders ADD CONSTRAINT old_orders_user_fkey FOREIGN KEY (user_id) REFERENCES users (id); -- expect
