ALTER TABLE moves ADD COLUMN locator text;
UPDATE moves SET locator = upper(substr(id::text, 1, 6)) WHERE locator IS NULL; -- expect
