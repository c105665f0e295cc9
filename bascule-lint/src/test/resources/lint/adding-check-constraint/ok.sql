ALTER TABLE entitlements ADD CONSTRAINT weight_positive CHECK (weight >= 0) NOT VALID;
CREATE TABLE gcc (id uuid PRIMARY KEY, m numeric);
ALTER TABLE gcc ADD CONSTRAINT m_positive CHECK (m > 0);
