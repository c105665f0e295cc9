INSERT INTO re_services (id, code, name, created_at, updated_at)
VALUES ('9dce52b0-87e5-4a2d-b1f4-3c1a3c5e2d11', 'DMHF', 'Mobile home factor', now(), now());
ALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid();
