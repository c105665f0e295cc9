-- Filled in the same transaction: nobody else can see the table yet, so its index blocks no one.
CREATE TABLE move_totals AS SELECT user_id, count(*) AS moves FROM moves GROUP BY user_id;
CREATE INDEX move_totals_user_idx ON move_totals (user_id);
