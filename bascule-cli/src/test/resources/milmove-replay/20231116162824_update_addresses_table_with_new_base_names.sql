-- Replay stop: 20231116162824_update_addresses_table_with_new_base_names fails at line 15: its duty_location_names
-- row for Fort Barfoot refers to duty location b5f565fd-92ca-41c8-a7f6-91d7ce1d73fc, which no file in the corpus
-- creates: it came from a placeholder (MISSING.txt lists MilMove's duty location data dumps, e.g.
-- 20230810180036_update_duty_locations and 20211112205920_add_noninstallation_locations).
-- Fix: that one duty location, with its own address, each copied from an existing row with the id and name
-- changed (so every NOT NULL column has a plausible value whatever the table looks like at that point).
WITH address AS (
    INSERT INTO addresses
    SELECT (jsonb_populate_record(a, jsonb_build_object('id', gen_random_uuid(), 'city', 'Blackstone', 'state', 'VA'))).*
    FROM addresses a LIMIT 1
    RETURNING id)
INSERT INTO duty_locations
SELECT (jsonb_populate_record(d, jsonb_build_object('id', 'b5f565fd-92ca-41c8-a7f6-91d7ce1d73fc',
        'name', 'Fort Barfoot, VA 23824', 'address_id', (SELECT id FROM address)))).*
FROM duty_locations d LIMIT 1;
