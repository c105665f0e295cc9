package dev.bascule.trace;

/**
 * A table a statement read whole: {@code pg_stat_xact_user_tables.seq_scan} grew (a full scan of an empty table
 * counts too: the count says what PostgreSQL does, not how long it takes on this copy).
 *
 * @param scans how many sequential scans the statement started on it
 */
public record TableScan(Relation table, long scans) {
}
