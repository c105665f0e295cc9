-- Replay stop: 20220527192703_full_name_index_for_search fails at line 35 (CREATE INDEX ... USING gin
-- (searchable_full_name(first_name, last_name) gin_trgm_ops)) with function f_unaccent(text) does not exist.
-- Not a placeholder's fault: since PostgreSQL 17, CREATE INDEX evaluates index expressions with
-- search_path = pg_catalog, pg_temp, and searchable_full_name calls f_unaccent unqualified. MilMove fixed the
-- function in 2023 (20230515145532_fix_searchable_full_name: "reference f_unaccent by schema public, otherwise
-- it may not be found"), but this 2022 migration still creates the index with the old body.
-- Fix: a wrapper of the same name in pg_catalog (the one schema the index build searches) that calls the real
-- public.unaccent, created before the migration is retried. Its body is checked only when called, after the
-- migration's CREATE EXTENSION unaccent.
SET allow_system_table_mods = on;
SET check_function_bodies = off;
CREATE FUNCTION pg_catalog.f_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $func$ SELECT public.unaccent('public.unaccent', $1) $func$;
