package dev.bascule.schema;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link SchemaSnapshot#read} leaves out and adds.
 *
 * @param historySchema schema of Bascule's history table
 * @param historyTable  name of Bascule's history table; every relation of {@code historySchema} whose name starts
 *                      with it ({@code bascule_schema_migrations_progress}, its sequences and indexes) is Bascule's
 *                      own and left out, and so is {@code historySchema} itself when nothing else is in it
 * @param details       optional parts to include (none by default)
 * @param timeout       limit for waiting on a lock ({@code lock_timeout}; {@code pg_get_viewdef} takes ACCESS SHARE
 *                      on the tables a view reads); each catalog query may run for twice as long
 *                      ({@code statement_timeout})
 */
public record SnapshotOptions(String historySchema, String historyTable, Set<Detail> details, Duration timeout) {

    public static final String DEFAULT_HISTORY_SCHEMA = "public";
    public static final String DEFAULT_HISTORY_TABLE = "bascule_schema_migrations";

    public SnapshotOptions {
        Objects.requireNonNull(historySchema, "historySchema");
        Objects.requireNonNull(historyTable, "historyTable");
        if (historyTable.isEmpty()) {
            throw new IllegalArgumentException("the history table name is empty");
        }
        details = details.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(details));
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the snapshot timeout must be positive, got " + timeout);
        }
    }

    /** Bascule's default history table, no optional details, 60 s per query. */
    public static SnapshotOptions defaults() {
        return new SnapshotOptions(DEFAULT_HISTORY_SCHEMA, DEFAULT_HISTORY_TABLE, Set.of(), Duration.ofSeconds(60));
    }

    public SnapshotOptions withHistoryTable(String schema, String table) {
        return new SnapshotOptions(schema, table, details, timeout);
    }

    public SnapshotOptions withDetails(Set<Detail> included) {
        return new SnapshotOptions(historySchema, historyTable, included, timeout);
    }

    public SnapshotOptions with(Detail... included) {
        Set<Detail> all = details.isEmpty() ? EnumSet.noneOf(Detail.class) : EnumSet.copyOf(details);
        all.addAll(Set.of(included));
        return withDetails(all);
    }

    public SnapshotOptions withTimeout(Duration limit) {
        return new SnapshotOptions(historySchema, historyTable, details, limit);
    }

    /** Whether a relation of that schema and name is Bascule's own. */
    boolean isBasculeRelation(String schema, String relation) {
        return schema.equals(historySchema) && relation.startsWith(historyTable);
    }
}
