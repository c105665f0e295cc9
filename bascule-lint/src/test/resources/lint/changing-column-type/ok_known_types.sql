-- fixture: tables=users:10,orders:10 columns=users.name:character_varying(50);orders.total:numeric(10,2);users.bio:text
ALTER TABLE users ALTER COLUMN name TYPE varchar(100);
ALTER TABLE users ALTER COLUMN name TYPE text;
ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2);
ALTER TABLE orders ALTER COLUMN total SET DATA TYPE numeric;
ALTER TABLE users ALTER COLUMN bio TYPE varchar;
