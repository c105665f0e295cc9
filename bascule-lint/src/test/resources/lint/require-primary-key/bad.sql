CREATE TABLE zip3s ( -- expect
    zip3 text NOT NULL,
    rate_area text
);
