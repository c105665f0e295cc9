CREATE SCHEMA invoicing;
ALTER SCHEMA invoicing OWNER TO app;
