/* leading block comment; with ; */ SELECT 1;
/* nested /* comment ; */ still ; comment */ SELECT 2;
SELECT 3 +--comment ;
4;
SELECT 5 */*c;*/ 6;
SELECT (7; 8);
SELECT 9; SELECT 10; -- two on a line
SELECT 11 -- comment after code ;
;
;;
SELECT 12 AS é;
SELECT 13
;
SELECT ARRAY[1;
2];
SELECT :undefined_variable, :'undefined_variable', :"undefined_variable", :'not a name';
SELECT $1a$, x$$y, 1::text, '{1,2}'::int[] [1:1];
