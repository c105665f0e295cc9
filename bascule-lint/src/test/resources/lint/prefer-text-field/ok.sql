CREATE TABLE offices (id uuid PRIMARY KEY, name text NOT NULL CHECK (char_length(name) <= 255), code varchar);
