CREATE TABLE states (
    id uuid PRIMARY KEY,
    code char(2) NOT NULL, -- expect
    flag character -- expect
);
ALTER TABLE users ADD COLUMN country character(3); -- expect
