-- Stand-in for MilMove's 20180404175601_import_400ng_from_move_mil.up.sql, which is absent from the corpus
-- snapshot (MISSING.txt). The real file is a pg_dump of move.mil's 400NG tariff tables with their rows; the
-- next migration (20180404175653_translate_400ng_from_move_mil) copies them into tariff400ng_* tables and
-- drops them. This stand-in creates the same tables, empty. The first five mirror the DDL of the 2019
-- re-import in the corpus (20190424155008_import_400ng_from_move_mil_2019); zip3s and zip5_rate_areas carry
-- the columns the translation reads, typed as later migrations expect (zip codes as integers, converted with
-- to_char in 20180410193716_store_zips_as_strings; region and service_area altered to text in 20180518033602).
CREATE TABLE public.full_packs (
    id bigint NOT NULL,
    schedule integer,
    weight_lbs int4range,
    rate numeric(7,2),
    effective daterange,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);
CREATE TABLE public.full_unpacks (
    id bigint NOT NULL,
    schedule integer,
    rate numeric(8,5),
    effective daterange,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);
CREATE TABLE public.linehauls (
    id bigint NOT NULL,
    dist_mi int4range,
    weight_lbs int4range,
    rate integer,
    effective daterange,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    type character varying
);
CREATE TABLE public.service_areas (
    id bigint NOT NULL,
    service_area integer,
    name text,
    services_schedule integer,
    linehaul_factor numeric(7,2),
    orig_dest_service_charge numeric(7,2),
    effective daterange,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);
CREATE TABLE public.shorthauls (
    id bigint NOT NULL,
    cwt_mi int4range,
    rate numeric(7,2),
    effective daterange,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);
CREATE TABLE public.zip3s (
    id bigint NOT NULL,
    zip3 integer,
    basepoint_city text,
    state text,
    service_area integer,
    rate_area text,
    region integer,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);
CREATE TABLE public.zip5_rate_areas (
    id bigint NOT NULL,
    zip5 integer,
    rate_area text,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);
