-- String forms psql must skip over without seeing ";" or "--" inside.
SELECT 'a--b;c', 'it''s; fine';
SELECT E'esc \' ; still \\', e'\\';
SELECT E'joined'
  '\'; -- psql: a new standard string ends at the second quote, so the ";" ends the statement
SELECT 'standard'
-- a comment between the parts
'continued; string';
SELECT 'not' 'joined on one line' AS x;
SELECT U&'\0041;' AS u, U&"q;""x" AS "y;", B'0101', X'1F', N'nat;';
SELECT 1 AS "weird "";-- name";
SELECT $$ dollar ; -- $$, $body$ a $$ ; $$ b $body$, $a1$;$a1$;
SELECT a$b$c FROM (SELECT 1 AS a$b$c) s;
SELECT $1x;
