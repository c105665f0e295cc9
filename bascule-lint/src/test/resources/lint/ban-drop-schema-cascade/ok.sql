DROP TABLE staging.imports;
DROP SCHEMA IF EXISTS staging;
DROP TYPE old_status CASCADE;
