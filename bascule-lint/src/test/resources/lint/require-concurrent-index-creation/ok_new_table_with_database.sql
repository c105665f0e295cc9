-- fixture: tables=users:100
-- created by an earlier pending migration: not in the database yet
CREATE INDEX invoices_user_idx ON invoices (user_id);
