CREATE TABLE counters (
    id bigserial PRIMARY KEY -- expect
);
