SET standard_conforming_strings = off;
SELECT 'it\'s; escaped', 'two\\';
SET SESSION standard_conforming_strings TO 'on';
SELECT 'back\';
SET standard_conforming_strings TO false;
SELECT 'again\'; still';
RESET standard_conforming_strings;
SELECT 'plain\';
