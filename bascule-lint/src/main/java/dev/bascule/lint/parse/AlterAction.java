package dev.bascule.lint.parse;

import dev.bascule.sql.Token;

/** One sub-command of ALTER TABLE; {@code at} is its first token, where findings point. */
public sealed interface AlterAction {

    Token at();

    record AddColumn(Token at, ColumnDef column, boolean ifNotExists) implements AlterAction {
    }

    record DropColumn(Token at, String column, boolean ifExists) implements AlterAction {
    }

    record AlterColumnType(Token at, String column, TypeName type, boolean using) implements AlterAction {
    }

    record SetNotNull(Token at, String column) implements AlterAction {
    }

    record DropNotNull(Token at, String column) implements AlterAction {
    }

    record SetDefault(Token at, String column, String defaultText) implements AlterAction {
    }

    record AddConstraint(Token at, TableConstraint constraint) implements AlterAction {
    }

    record ValidateConstraint(Token at, String name) implements AlterAction {
    }

    record DropConstraint(Token at, String name, boolean ifExists) implements AlterAction {
    }

    record RenameColumn(Token at, String from, String to) implements AlterAction {
    }

    record RenameTable(Token at, String to) implements AlterAction {
    }

    record DetachPartition(Token at, QName partition, boolean concurrently) implements AlterAction {
    }

    /** {@code SET LOGGED} ({@code logged}) or {@code SET UNLOGGED}. */
    record SetLogged(Token at, boolean logged) implements AlterAction {
    }

    /** {@code DISABLE TRIGGER name|ALL|USER}; {@code trigger} as written. */
    record DisableTrigger(Token at, String trigger) implements AlterAction {
    }

    /** {@code SET SCHEMA schema}: the table moves to another schema. */
    record SetSchema(Token at, String schema) implements AlterAction {
    }

    /** A sub-command no rule inspects (OWNER TO, SET STATISTICS, ENABLE TRIGGER, ...), named by its words. */
    record Other(Token at, String words, LockLevel lock) implements AlterAction {
    }

    /** How heavy an otherwise uninspected sub-command's lock is. */
    enum LockLevel { ACCESS_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE_ROW_EXCLUSIVE }
}
