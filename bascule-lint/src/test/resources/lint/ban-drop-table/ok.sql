CREATE TABLE scratch (id uuid PRIMARY KEY);
DROP TABLE scratch;
DROP VIEW IF EXISTS move_summaries;
