CREATE TABLE pet (id uuid PRIMARY KEY);
ALTER TABLE pet RENAME TO pets;
ALTER INDEX pets_idx RENAME TO pets_name_idx;
