-- bascule:data
-- bascule:phase move_status 2
-- bascule:audit pre
SELECT id, status FROM moves WHERE status IS NULL;
-- bascule:batch size=1000
UPDATE moves SET status = 'DRAFT' WHERE status IS NULL;
