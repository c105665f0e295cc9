-- Not in the manifest, so it never runs.
CREATE TABLE not_listed (id bigint);
