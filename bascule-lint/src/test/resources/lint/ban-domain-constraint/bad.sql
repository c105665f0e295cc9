CREATE DOMAIN us_postal_code AS text CHECK (VALUE ~ '^\d{5}$'); -- expect
ALTER DOMAIN weight ADD CONSTRAINT weight_positive CHECK (VALUE > 0); -- expect
