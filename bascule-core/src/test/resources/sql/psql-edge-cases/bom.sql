SELECT 1 AS after_byte_order_mark;
VACUUM;
