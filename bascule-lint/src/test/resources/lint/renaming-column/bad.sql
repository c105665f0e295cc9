ALTER TABLE issues RENAME COLUMN body TO description; -- expect
ALTER TABLE moves RENAME sc_assigned_id TO sc_counseling_assigned_id; -- expect
