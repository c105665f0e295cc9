-- fixture: tables=users:10,orders:10 columns=users.name:character_varying(50);orders.total:numeric(10,2);users.age:integer
ALTER TABLE users ALTER COLUMN name TYPE varchar(20); -- expect
ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,4); -- expect
ALTER TABLE users ALTER COLUMN age TYPE text; -- expect
