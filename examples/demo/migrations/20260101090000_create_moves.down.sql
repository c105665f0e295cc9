DROP TABLE moves;
DROP TYPE move_status;
