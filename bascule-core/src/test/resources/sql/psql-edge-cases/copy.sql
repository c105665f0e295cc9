CREATE TABLE copy_target (a text, b text);
COPY copy_target (a, b) FROM stdin; -- data follows
x	'y;
--	/*
\.
COPY copy_target FROM STDIN WITH (FORMAT csv);
"multi
line;",2
\.
copy copy_target from stdin with csv;
"a","b"
\.
SELECT count(*) FROM copy_target;
