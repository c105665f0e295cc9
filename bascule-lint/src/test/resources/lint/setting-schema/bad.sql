ALTER TABLE invoices SET SCHEMA billing; -- expect
ALTER TYPE invoice_status SET SCHEMA billing; -- expect
ALTER FUNCTION total(bigint) SET SCHEMA billing; -- expect
ALTER VIEW open_invoices SET SCHEMA billing; -- expect
