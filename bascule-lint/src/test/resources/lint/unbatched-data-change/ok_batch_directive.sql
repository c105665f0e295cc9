-- bascule:data
-- bascule:batch size=5000
UPDATE users SET active = true;
-- bascule:batch size=1000 key=id
DELETE FROM audit_log;
