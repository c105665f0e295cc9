DROP TRIGGER moves_audit ON moves; -- expect
