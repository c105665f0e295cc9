ALTER TABLE moves DISABLE TRIGGER moves_audit; -- expect
UPDATE moves SET status = 'DRAFT' WHERE status IS NULL;
ALTER TABLE moves ENABLE TRIGGER moves_audit;
ALTER TABLE orders DISABLE TRIGGER ALL; -- expect
