VACUUM users;
VACUUM (ANALYZE) orders;
