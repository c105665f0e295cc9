CREATE TABLE IF NOT EXISTS gcc_multipliers (
    id uuid NOT NULL PRIMARY KEY,
    start_date date NOT NULL,
    end_date date NOT NULL,
    CONSTRAINT no_overlap EXCLUDE USING gist (daterange(start_date, end_date) WITH &&)
);
