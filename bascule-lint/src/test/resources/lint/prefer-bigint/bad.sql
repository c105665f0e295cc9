CREATE TABLE pets (
    id serial PRIMARY KEY, -- expect
    weight int, -- expect
    legs smallint -- expect
);
ALTER TABLE moves ADD COLUMN reweigh_count integer; -- expect
