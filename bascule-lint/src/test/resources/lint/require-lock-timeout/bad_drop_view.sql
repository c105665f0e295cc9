DROP VIEW IF EXISTS open_moves; -- expect
