-- Reference rows with fixed UUIDs (never uuid_generate_v4() in data: ids must match in every environment).
INSERT INTO moves (id, locator, status) VALUES
    ('6c5a3c1e-1f7b-4b8e-9d6a-0f3e2a1b4c5d', 'ABC123', 'SUBMITTED'),
    ('0b7e8f9a-2c3d-4e5f-8a9b-1c2d3e4f5a6b', 'XYZ789', 'DRAFT')
ON CONFLICT DO NOTHING;

COPY moves (id, locator, status) FROM stdin;
1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a	LMN456	APPROVED
\.
