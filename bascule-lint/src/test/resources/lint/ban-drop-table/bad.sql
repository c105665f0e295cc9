DROP TABLE issues; -- expect
DROP TABLE IF EXISTS form1299s CASCADE; -- expect
