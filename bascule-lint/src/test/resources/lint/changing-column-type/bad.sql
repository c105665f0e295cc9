ALTER TABLE users ALTER COLUMN age TYPE smallint; -- expect
ALTER TABLE tariff_zip3s ALTER COLUMN zip3 TYPE varchar(3) USING zip3::varchar(3); -- expect
