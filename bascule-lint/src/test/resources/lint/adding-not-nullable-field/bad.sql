ALTER TABLE users ADD COLUMN email text NOT NULL; -- expect
ALTER TABLE moves
    ADD COLUMN locator varchar(6) NOT NULL, -- expect
    ADD COLUMN note text;
