ALTER TABLE entitlements ADD CONSTRAINT weight_positive CHECK (weight >= 0); -- expect
ALTER TABLE entitlements
ADD COLUMN IF NOT EXISTS gun_safe_weight integer DEFAULT 0 NOT NULL CHECK (gun_safe_weight >= 0); -- expect
