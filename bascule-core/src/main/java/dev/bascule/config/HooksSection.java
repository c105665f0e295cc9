package dev.bascule.config;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.util.List;

/**
 * The {@code hooks:} section of an environment, as written: each key a list of {@code {sql: FILE}} or
 * {@code {run: COMMAND}} entries (a single entry needs no list).
 */
public record HooksSection(@JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Entry> beforeMigrate,
                           @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Entry> afterEach,
                           @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Entry> afterMigrate,
                           @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Entry> onError,
                           String timeout) {

    /** One hook: exactly one of a SQL file or a shell command. */
    public record Entry(String sql, String run) {
    }
}
