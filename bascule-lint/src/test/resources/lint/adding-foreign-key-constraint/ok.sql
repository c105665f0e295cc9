ALTER TABLE orders ADD CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fkey;
CREATE TABLE cats (id uuid PRIMARY KEY, pet_id uuid NOT NULL CONSTRAINT cats_pets_id_fkey REFERENCES pets);
ALTER TABLE cats ADD CONSTRAINT cats_owner_fkey FOREIGN KEY (owner_id) REFERENCES users (id);
