-- bascule:no-transaction
-- Each statement commits: once filled, the table is visible and its rows are indexed under a SHARE lock.
CREATE TABLE move_totals AS SELECT user_id, count(*) AS moves FROM moves GROUP BY user_id;
CREATE INDEX move_totals_user_idx ON move_totals (user_id); -- expect
