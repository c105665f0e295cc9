package dev.bascule.lint.parse;

import dev.bascule.sql.Token;

import java.util.List;

/** What a statement does, as far as the rules need to know; one record per statement shape. */
public sealed interface Ddl {

    record CreateTable(QName table, boolean ifNotExists, List<ColumnDef> columns,
                       List<TableConstraint> constraints, boolean asQueryOrLike) implements Ddl {
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

    /** Any other DROP (VIEW, FUNCTION, TYPE, TRIGGER, ...). */
    record DropOther(Token at, String objectKind, boolean ifExists) implements Ddl {
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
