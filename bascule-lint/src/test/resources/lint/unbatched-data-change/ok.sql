UPDATE users SET active = true WHERE id IN (SELECT id FROM users WHERE active IS NULL LIMIT 5000);
DELETE FROM audit_log WHERE created_at < now() - interval '1 year';
CREATE TABLE pets (id uuid PRIMARY KEY, name text);
UPDATE pets SET name = 'x';
