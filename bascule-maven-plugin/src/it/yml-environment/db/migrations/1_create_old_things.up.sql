CREATE TABLE old_things (id bigint);
