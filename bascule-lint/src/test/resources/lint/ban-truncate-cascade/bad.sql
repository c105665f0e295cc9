TRUNCATE users CASCADE; -- expect
TRUNCATE TABLE ONLY orders, order_lines RESTART IDENTITY CASCADE; -- expect
