TRUNCATE users;
TRUNCATE orders, order_lines RESTART IDENTITY;
