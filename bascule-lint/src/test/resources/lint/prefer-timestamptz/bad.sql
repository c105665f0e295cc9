CREATE TABLE pets (
    id uuid PRIMARY KEY,
    created_at timestamp NOT NULL, -- expect
    seen_at timestamp(3) without time zone -- expect
);
