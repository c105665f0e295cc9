UPDATE moves SET locator = 'ABC123' WHERE id = '6b0a2f1e-1d3c-4f5a-8b7c-9d0e1f2a3b4c';
DELETE FROM moves WHERE id = '7c1b3a2f-2e4d-4a6b-9c8d-0e1f2a3b4c5d';
