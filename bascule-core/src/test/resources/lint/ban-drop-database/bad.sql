DROP DATABASE legacy; -- expect
