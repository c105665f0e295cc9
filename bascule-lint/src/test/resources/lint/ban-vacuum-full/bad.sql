VACUUM FULL users; -- expect
VACUUM (FULL, ANALYZE) orders; -- expect
