CREATE DOMAIN us_postal_code AS text;
ALTER DOMAIN weight ADD CONSTRAINT weight_positive CHECK (VALUE > 0) NOT VALID;
ALTER DOMAIN weight VALIDATE CONSTRAINT weight_positive;
