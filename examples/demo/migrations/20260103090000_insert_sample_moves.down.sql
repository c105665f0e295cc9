-- Removes exactly the reference rows the up inserted, by their fixed ids.
DELETE FROM moves WHERE id IN (
    '6c5a3c1e-1f7b-4b8e-9d6a-0f3e2a1b4c5d',
    '0b7e8f9a-2c3d-4e5f-8a9b-1c2d3e4f5a6b',
    '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a'
);
