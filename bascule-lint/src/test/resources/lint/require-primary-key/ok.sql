CREATE TABLE pets (id uuid PRIMARY KEY NOT NULL, name text);
CREATE TABLE tags (pet_id uuid, tag text, CONSTRAINT tags_pkey PRIMARY KEY (pet_id, tag));
CREATE TABLE later (id uuid NOT NULL);
ALTER TABLE later ADD PRIMARY KEY (id);
CREATE TABLE copy_of_pets AS SELECT * FROM pets;
