ALTER TABLE duty_stations RENAME TO duty_locations; -- expect
