ALTER TABLE orders ADD CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) REFERENCES users (id); -- expect
ALTER TABLE moves
    ADD COLUMN IF NOT EXISTS too_assigned_id uuid -- expect
        CONSTRAINT moves_too_assigned_id_fkey
            REFERENCES office_users;
