CREATE TABLE offices (
    id uuid PRIMARY KEY,
    name varchar(255) NOT NULL, -- expect
    code character varying(4) -- expect
);
