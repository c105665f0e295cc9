-- bascule:data
UPDATE moves SET status = 'DRAFT' WHERE status IS NULL;
ALTER TABLE moves ADD COLUMN note text; -- expect
