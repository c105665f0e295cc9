CREATE TABLE pets (id uuid PRIMARY KEY, nam text);
ALTER TABLE pets RENAME COLUMN nam TO name;
ALTER TABLE issues RENAME CONSTRAINT issues_fk TO issues_reporter_fkey;
