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
