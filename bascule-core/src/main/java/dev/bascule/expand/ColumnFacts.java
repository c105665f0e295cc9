package dev.bascule.expand;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the catalog says about the column being moved and what depends on it: the generator's only input
 * besides the request. {@link LiveSchema} reads it from a database; tests build it by hand. Definitions are
 * kept as PostgreSQL prints them ({@code pg_get_constraintdef}, {@code pg_get_indexdef}, {@code pg_get_expr}).
 *
 * @param table           the table as the generated SQL names it
 * @param column          the column's exact name
 * @param type            its type as {@code format_type} prints it ({@code character varying(20)})
 * @param collation       an explicit collation differing from the type's default, as SQL text; empty if none
 * @param notNull         {@code attnotnull}
 * @param defaultExpression the column default, if any
 * @param ownedSequence   the sequence owned by the column (serial), qualified SQL text, if any
 * @param comment         {@code COMMENT ON COLUMN}, if any
 * @param identity        an identity column ({@code GENERATED ... AS IDENTITY})
 * @param generated       a generated column ({@code GENERATED ALWAYS AS (...) STORED})
 * @param partitioned     the table is partitioned
 * @param tableColumns    every column of the table, in order (exact names)
 * @param primaryKey      the primary key's columns, in order; empty when the table has none
 * @param checks          CHECK constraints whose expression uses the column
 * @param foreignKeys     foreign keys of this table whose columns include the column
 * @param indexes         indexes (and the UNIQUE constraints they back) whose keys, expressions or predicates
 *                        use the column
 * @param blockers        what forbids moving the column (primary key, foreign keys referencing it, ...)
 */
public record ColumnFacts(TableName table, String column, String type, Optional<String> collation, boolean notNull,
                          Optional<String> defaultExpression, Optional<String> ownedSequence, Optional<String> comment,
                          boolean identity, boolean generated, boolean partitioned, List<String> tableColumns,
                          List<String> primaryKey, List<Check> checks, List<ForeignKey> foreignKeys,
                          List<Index> indexes, List<Blocker> blockers) {

    public ColumnFacts {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(type, "type");
        tableColumns = List.copyOf(tableColumns);
        primaryKey = List.copyOf(primaryKey);
        checks = List.copyOf(checks);
        foreignKeys = List.copyOf(foreignKeys);
        indexes = List.copyOf(indexes);
        blockers = List.copyOf(blockers);
    }

    /**
     * A plain column: nullable, no default, nothing depending on it; the table's only other columns are its
     * primary key {@code id} and {@code column}. For tests and as a starting point for {@code with...} copies.
     */
    public static ColumnFacts plain(TableName table, String column, String type) {
        return new ColumnFacts(table, column, type, Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty(), false, false, false, List.of("id", column), List.of("id"), List.of(), List.of(),
                List.of(), List.of());
    }

    public ColumnFacts withNotNull(boolean value) {
        return new ColumnFacts(table, column, type, collation, value, defaultExpression, ownedSequence, comment,
                identity, generated, partitioned, tableColumns, primaryKey, checks, foreignKeys, indexes, blockers);
    }

    public ColumnFacts withDefault(String expression) {
        return new ColumnFacts(table, column, type, collation, notNull, Optional.ofNullable(expression),
                ownedSequence, comment, identity, generated, partitioned, tableColumns, primaryKey, checks,
                foreignKeys, indexes, blockers);
    }

    public ColumnFacts withComment(String text) {
        return new ColumnFacts(table, column, type, collation, notNull, defaultExpression, ownedSequence,
                Optional.ofNullable(text), identity, generated, partitioned, tableColumns, primaryKey, checks,
                foreignKeys, indexes, blockers);
    }

    public ColumnFacts withChecks(List<Check> value) {
        return new ColumnFacts(table, column, type, collation, notNull, defaultExpression, ownedSequence, comment,
                identity, generated, partitioned, tableColumns, primaryKey, value, foreignKeys, indexes, blockers);
    }

    public ColumnFacts withForeignKeys(List<ForeignKey> value) {
        return new ColumnFacts(table, column, type, collation, notNull, defaultExpression, ownedSequence, comment,
                identity, generated, partitioned, tableColumns, primaryKey, checks, value, indexes, blockers);
    }

    public ColumnFacts withIndexes(List<Index> value) {
        return new ColumnFacts(table, column, type, collation, notNull, defaultExpression, ownedSequence, comment,
                identity, generated, partitioned, tableColumns, primaryKey, checks, foreignKeys, value, blockers);
    }

    public ColumnFacts withBlockers(List<Blocker> value) {
        return new ColumnFacts(table, column, type, collation, notNull, defaultExpression, ownedSequence, comment,
                identity, generated, partitioned, tableColumns, primaryKey, checks, foreignKeys, indexes, value);
    }

    public ColumnFacts withTableColumns(List<String> columns, List<String> key) {
        return new ColumnFacts(table, column, type, collation, notNull, defaultExpression, ownedSequence, comment,
                identity, generated, partitioned, columns, key, checks, foreignKeys, indexes, blockers);
    }

    /**
     * A CHECK constraint using the column.
     *
     * @param definition as {@code pg_get_constraintdef} prints it: {@code CHECK ((status <> ''::text))}
     * @param validated  {@code convalidated}: a copy is validated only when the original was
     */
    public record Check(String name, String definition, boolean validated) {
    }

    /**
     * A foreign key of this table whose columns include the column.
     *
     * @param columns    its columns in order (exact names)
     * @param definition as {@code pg_get_constraintdef} prints it: {@code FOREIGN KEY (status) REFERENCES
     *                   statuses(code) ON DELETE CASCADE}
     */
    public record ForeignKey(String name, List<String> columns, String definition, boolean validated) {
        public ForeignKey {
            columns = List.copyOf(columns);
        }
    }

    /**
     * An index using the column.
     *
     * @param definition        as {@code pg_get_indexdef} prints it
     * @param uniqueConstraint  the UNIQUE constraint this index backs, if any
     * @param deferrable        the constraint is DEFERRABLE
     * @param initiallyDeferred the constraint is INITIALLY DEFERRED
     * @param valid             {@code indisvalid}: an invalid index (a failed concurrent build) is not copied
     */
    public record Index(String name, String definition, Optional<String> uniqueConstraint, boolean deferrable,
                        boolean initiallyDeferred, boolean valid) {

        public static Index plain(String name, String definition) {
            return new Index(name, definition, Optional.empty(), false, false, true);
        }
    }

    /**
     * Something that forbids moving the column.
     *
     * @param object the object, as {@code pg_describe_object} names it ({@code constraint moves_pkey on table
     *               moves}, {@code rule _RETURN on view open_moves})
     */
    public record Blocker(Kind kind, String object) {

        public enum Kind {
            /** The column is (part of) the primary key. */
            PRIMARY_KEY,
            /** A foreign key (of this or another table) references the column. */
            REFERENCED_BY_FOREIGN_KEY,
            /** An exclusion constraint uses the column: it cannot be built without blocking writes. */
            EXCLUSION_CONSTRAINT,
            /** A view, trigger, policy, generated column, statistics object... uses the column. */
            DEPENDENT_OBJECT
        }
    }
}
