ALTER TYPE move_status RENAME VALUE 'DRAFT' TO 'NEW'; -- expect
