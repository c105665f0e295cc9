CREATE INDEX moves_ppm_status_created_idx ON moves (ppm_id, status, created_at);
SELECT 'a string literal longer than sixty-three bytes is no name and is never truncated at all';
