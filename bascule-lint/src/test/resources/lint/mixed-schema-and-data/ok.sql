CREATE TABLE pet_types (id uuid PRIMARY KEY, code text NOT NULL);
INSERT INTO pet_types (id, code) VALUES ('6b0a2f1e-1d3c-4f5a-8b7c-9d0e1f2a3b4c', 'CAT');
