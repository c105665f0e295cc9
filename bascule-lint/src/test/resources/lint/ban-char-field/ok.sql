CREATE TABLE states (id uuid PRIMARY KEY, code text NOT NULL CHECK (char_length(code) = 2), name varchar(40));
