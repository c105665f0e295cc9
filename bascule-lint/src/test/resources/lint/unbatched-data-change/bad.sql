-- fixture: data-migration
UPDATE users SET active = true; -- expect
DELETE FROM audit_log; -- expect
