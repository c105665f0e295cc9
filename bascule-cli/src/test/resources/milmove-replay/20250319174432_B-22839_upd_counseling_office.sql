-- Replay stop: 20250319174432_B-22839_upd_counseling_office fails at line 20 deleting transportation office
-- fab58a38-ee1f-4adf-929a-2dd246fc5e67 (PPPO DMO Bridgeport), still referenced by duty location 0a10241f-...
-- (MCMWTC Bridgeport, from 2018). The migration first detaches the office from duty location 74651905-..., the
-- row that replaced the 2018 one in MilMove's duty location update 20230810180036_update_duty_locations, a
-- placeholder here: the old row was never replaced, so it still points at the office.
-- Fix: detach the office from the duty location that still refers to it, as the migration does for its successor.
UPDATE duty_locations SET transportation_office_id = NULL WHERE transportation_office_id = 'fab58a38-ee1f-4adf-929a-2dd246fc5e67';
