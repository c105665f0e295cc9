-- Replay stop: 20250103130619_revert_data_change_for_gbloc_for_ak fails at line 23: it re-inserts Alaska's
-- postal_code_to_gblocs rows (99501 first), which already exist. An earlier migration,
-- 20241217191012_update_move_to_gbloc_for_ak, deletes them with
-- "WHERE postal_code IN (SELECT uspr_zip_id FROM v_locations WHERE state = 'AK')", but v_locations reads
-- us_post_region_cities, whose data is the placeholder 20240227171439_usprc_data_dump_batch: the delete found
-- nothing. Fix: what that delete does with the real data, for Alaska's ZIP codes (995xx to 999xx).
DELETE FROM postal_code_to_gblocs WHERE postal_code BETWEEN '99500' AND '99999';
