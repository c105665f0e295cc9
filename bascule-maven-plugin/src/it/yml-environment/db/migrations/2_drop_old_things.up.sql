DROP TABLE old_things;
