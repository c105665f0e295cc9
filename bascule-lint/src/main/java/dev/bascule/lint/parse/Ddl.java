package dev.bascule.lint.parse;

import dev.bascule.sql.Token;

import java.util.List;

/** What a statement does, as far as the rules need to know; one record per statement shape. */
public sealed interface Ddl {

    /**
     * CREATE TABLE, CREATE TABLE ... AS and SELECT ... INTO.
     *
     * @param asQueryOrLike the columns are not all listed here (AS query, LIKE, PARTITION OF, INHERITS)
     * @param populated     the table is filled as it is created (CREATE TABLE ... AS / SELECT ... INTO, unless
     *                      WITH NO DATA): it holds rows from its first moment, unlike a table created empty
     */
    record CreateTable(QName table, boolean ifNotExists, List<ColumnDef> columns,
                       List<TableConstraint> constraints, boolean asQueryOrLike, boolean populated) implements Ddl {
    }

    record AlterTable(QName table, boolean ifExists, List<AlterAction> actions) implements Ddl {
    }

    record CreateIndex(Token at, String name, QName table, boolean unique, boolean concurrently,
                       boolean ifNotExists) implements Ddl {
    }

    record DropIndex(Token at, List<QName> indexes, boolean concurrently, boolean ifExists) implements Ddl {
    }

    record DropTable(Token at, List<QName> tables, boolean ifExists, boolean cascade) implements Ddl {
    }

    record DropDatabase(Token at, String database) implements Ddl {
    }

    /**
     * Any other DROP (VIEW, FUNCTION, TYPE, TRIGGER, SCHEMA, ...).
     *
     * @param objectKind the kind as written, upper-cased: {@code VIEW}, {@code MATERIALIZED VIEW}, {@code TRIGGER}
     * @param names      the objects dropped (empty when the statement could not be followed that far)
     * @param on         the table of {@code DROP TRIGGER/POLICY/RULE name ON table}, else {@code null}
     */
    record DropOther(Token at, String objectKind, boolean ifExists, List<QName> names, QName on, boolean cascade)
            implements Ddl {
    }

    /** {@code ALTER SCHEMA from RENAME TO to}. */
    record RenameSchema(Token at, String from, String to) implements Ddl {
    }

    /** {@code ALTER TYPE type RENAME VALUE 'from' TO 'to'} (values as written, quotes included). */
    record RenameEnumValue(Token at, QName type, String from, String to) implements Ddl {
    }

    /**
     * {@code ALTER <kind> name SET SCHEMA schema} for objects other than tables (a table's is an
     * {@link AlterAction.SetSchema} of its ALTER TABLE).
     */
    record SetSchema(Token at, String objectKind, QName object, String schema) implements Ddl {
    }

    record AlterTypeAddValue(Token at, QName type, String value, boolean ordered, boolean ifNotExists)
            implements Ddl {
    }

    /** {@code COMMENT ON TABLE t} / {@code COMMENT ON COLUMN t.c}; {@code column} is null for tables. */
    record Comment(Token at, String objectKind, QName table, String column) implements Ddl {
    }

    /** INSERT; {@code uuidCall} is the first {@code uuid_generate_v4()}/{@code gen_random_uuid()} in it. */
    record Insert(Token at, QName table, Token uuidCall) implements Ddl {
    }

    record Update(Token at, QName table, boolean hasWhere) implements Ddl {
    }

    record Delete(Token at, QName table, boolean hasWhere) implements Ddl {
    }

    record Copy(Token at, QName table, boolean fromStdin) implements Ddl {
    }

    record Truncate(Token at, List<QName> tables, boolean cascade) implements Ddl {
    }

    record Vacuum(Token at, boolean full, List<QName> tables) implements Ddl {
    }

    record Cluster(Token at, QName table) implements Ddl {
    }

    record Reindex(Token at, String targetKind, QName target, boolean concurrently) implements Ddl {
    }

    /** {@code SET [LOCAL|SESSION] name = value} and {@code RESET name}. */
    record SetParameter(Token at, String parameter, String value) implements Ddl {
    }

    record Transaction(Token at, Kind kind) implements Ddl {
        public enum Kind { BEGIN, COMMIT, ROLLBACK, SAVEPOINT }
    }

    record LockTable(Token at, List<QName> tables, String mode) implements Ddl {
    }

    /**
     * A statement recognised but not inspected further: functions, procedures, DO blocks (bodies are opaque),
     * views, types, grants, SELECT, ... {@code schemaChange} tells DDL from queries.
     */
    record Opaque(Token at, String words, boolean schemaChange) implements Ddl {
    }

    /** A statement the parser could not follow; reported once as {@code not-analysed}. */
    record NotAnalysed(Token at, String reason) implements Ddl {
    }
}
