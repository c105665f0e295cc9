INSERT INTO re_services (id, code, name, created_at, updated_at)
VALUES (uuid_generate_v4(), 'DMHF', 'Mobile home factor', now(), now()); -- expect
INSERT INTO duty_locations (id, name) SELECT gen_random_uuid(), name FROM staging_locations; -- expect
