CREATE TABLE archived_moves AS SELECT * FROM moves WITH NO DATA;
ALTER TABLE archived_moves ADD CONSTRAINT archived_moves_user_fkey FOREIGN KEY (user_id) REFERENCES users (id);
