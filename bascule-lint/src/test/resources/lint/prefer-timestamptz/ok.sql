CREATE TABLE pets (id uuid PRIMARY KEY, created_at timestamptz NOT NULL, seen_at timestamp with time zone);
