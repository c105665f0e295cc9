package dev.bascule.lint.parse;

import dev.bascule.lint.parse.AlterAction.LockLevel;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** CREATE TABLE and ALTER TABLE: columns, column constraints, table constraints and ALTER sub-commands. */
final class TableParser {

    private static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of("constraint", "not", "null", "primary",
            "unique", "references", "check", "generated", "collate", "deferrable", "initially", "default");
    private static final Set<String> TABLE_CONSTRAINT_STARTS = Set.of("constraint", "primary", "unique",
            "foreign", "check", "exclude");
    private static final Set<String> NONE = Set.of();

    private final TokenCursor c;

    TableParser(TokenCursor cursor) {
        this.c = cursor;
    }

    /** After {@code CREATE [TEMP|UNLOGGED] TABLE}. */
    Ddl createTable() {
        boolean ifNotExists = c.accept("if", "not", "exists");
        QName table = c.qname();
        List<ColumnDef> columns = new ArrayList<>();
        List<TableConstraint> constraints = new ArrayList<>();
        if (c.isType(TokenType.LEFT_PAREN) && followedByAs()) {
            c.skipParens(); // CREATE TABLE t (a, b) AS ...: column names for the query's output
        }
        if (c.is("as") || c.is("partition") || c.is("of") || !c.isType(TokenType.LEFT_PAREN)) {
            boolean query = c.is("as") || c.is("with") && tableOptionsThenAs();
            return new Ddl.CreateTable(table, ifNotExists, columns, constraints, true, query && !endsWithNoData());
        }
        c.expectType(TokenType.LEFT_PAREN);
        boolean like = false;
        while (!c.acceptType(TokenType.RIGHT_PAREN)) {
            if (c.is("like")) {
                like = true;
                c.skipUntil(NONE);
            } else if (TABLE_CONSTRAINT_STARTS.contains(lower(c.peek()))) {
                constraints.add(tableConstraint());
            } else {
                columns.add(columnDef());
            }
            c.acceptType(TokenType.COMMA);
        }
        if (c.is("partition") || c.is("inherits")) {
            like = true;
        }
        return new Ddl.CreateTable(table, ifNotExists, columns, constraints, like, false);
    }

    /** At a {@code (}: true when the group is followed by AS (a column name list of CREATE TABLE ... AS). */
    private boolean followedByAs() {
        int save = c.position();
        try {
            c.skipParens();
            return c.is("as") || c.is("with") && tableOptionsThenAs();
        } catch (TokenCursor.ParseFailure e) {
            return false;
        } finally {
            c.reset(save);
        }
    }

    /** At WITH: {@code WITH (storage options) AS query}, without consuming anything. */
    private boolean tableOptionsThenAs() {
        int save = c.position();
        try {
            c.next();
            if (!c.isType(TokenType.LEFT_PAREN)) {
                return false;
            }
            c.skipParens();
            return c.is("as");
        } catch (TokenCursor.ParseFailure e) {
            return false;
        } finally {
            c.reset(save);
        }
    }

    /** {@code ... WITH NO DATA} at the end of CREATE TABLE ... AS: the table is created empty. */
    private boolean endsWithNoData() {
        int save = c.position();
        boolean noData = false;
        while (!c.atEnd()) {
            if (c.accept("with", "no", "data")) {
                noData = c.atEnd();
            } else {
                c.next();
            }
        }
        c.reset(save);
        return noData;
    }

    ColumnDef columnDef() {
        Token at = c.peek();
        String name = c.identifier();
        TypeName type = c.typeName();
        boolean notNull = false;
        boolean primaryKey = false;
        boolean unique = false;
        String checkText = null;
        boolean stored = false;
        boolean identity = false;
        String defaultText = null;
        QName references = null;
        while (!c.atEnd() && !c.isType(TokenType.COMMA) && !c.isType(TokenType.RIGHT_PAREN)) {
            if (c.accept("constraint")) {
                c.identifier();
            } else if (c.accept("not", "null")) {
                notNull = true;
            } else if (c.accept("null") || c.accept("not", "deferrable") || c.accept("deferrable")) {
                continue;
            } else if (c.accept("initially")) {
                c.next();
            } else if (c.accept("default")) {
                int from = c.position();
                if (c.isType(TokenType.LEFT_PAREN)) {
                    c.skipParens();
                } else {
                    c.next();
                }
                int to = c.skipUntil(COLUMN_CONSTRAINT_WORDS);
                defaultText = c.text(from, to);
            } else if (c.accept("primary", "key")) {
                primaryKey = true;
                notNull = true;
            } else if (c.accept("unique")) {
                unique = true;
                c.accept("nulls", "not", "distinct");
                c.accept("nulls", "distinct");
            } else if (c.accept("references")) {
                references = c.qname();
                c.skipUntil(COLUMN_CONSTRAINT_WORDS);
            } else if (c.is("check")) {
                int from = c.position();
                c.next();
                c.skipParens();
                checkText = c.text(from, c.position());
                c.accept("no", "inherit");
            } else if (c.accept("generated")) {
                if (!c.accept("always")) {
                    c.expect("by");
                    c.expect("default");
                }
                c.expect("as");
                if (c.accept("identity")) {
                    identity = true;
                    notNull = true;
                    if (c.isType(TokenType.LEFT_PAREN)) {
                        c.skipParens();
                    }
                } else {
                    c.skipParens();
                    stored = c.accept("stored");
                }
            } else if (c.accept("collate")) {
                c.qname();
            } else {
                c.next();
            }
        }
        return new ColumnDef(at, name, type, notNull, primaryKey, unique, defaultText, references, checkText, stored,
                identity);
    }

    TableConstraint tableConstraint() {
        Token at = c.peek();
        int from = c.position();
        String name = null;
        if (c.accept("constraint")) {
            name = c.identifier();
        }
        TableConstraint.Kind kind;
        boolean usingIndex = false;
        QName references = null;
        if (c.accept("primary", "key")) {
            kind = TableConstraint.Kind.PRIMARY_KEY;
            usingIndex = c.is("using") && c.isAt(1, "index");
        } else if (c.accept("unique")) {
            kind = TableConstraint.Kind.UNIQUE;
            c.accept("nulls", "not", "distinct");
            c.accept("nulls", "distinct");
            usingIndex = c.is("using") && c.isAt(1, "index");
        } else if (c.accept("foreign", "key")) {
            kind = TableConstraint.Kind.FOREIGN_KEY;
            c.skipParens();
            c.expect("references");
            references = c.qname();
        } else if (c.accept("check")) {
            kind = TableConstraint.Kind.CHECK;
        } else if (c.accept("exclude")) {
            kind = TableConstraint.Kind.EXCLUDE;
        } else if (c.accept("not", "null")) {
            kind = TableConstraint.Kind.NOT_NULL;
        } else {
            throw c.failure("expected a table constraint");
        }
        boolean notValid = false;
        while (!c.atEnd() && !c.isType(TokenType.COMMA) && !c.isType(TokenType.RIGHT_PAREN)) {
            if (c.accept("not", "valid")) {
                notValid = true;
            } else if (c.isType(TokenType.LEFT_PAREN)) {
                c.skipParens();
            } else {
                c.next();
            }
        }
        return new TableConstraint(at, name, kind, notValid, usingIndex, references, c.text(from, c.position()));
    }

    /** After {@code ALTER TABLE}. */
    Ddl alterTable() {
        boolean ifExists = c.accept("if", "exists");
        c.accept("only");
        QName table = c.qname();
        if (c.isType(TokenType.OPERATOR) && c.peek().text().equals("*")) {
            c.next();
        }
        List<AlterAction> actions = new ArrayList<>();
        do {
            actions.add(action());
            c.skipUntil(NONE);
        } while (c.acceptType(TokenType.COMMA));
        if (!c.atEnd()) {
            throw c.failure("unexpected text after ALTER TABLE sub-command");
        }
        return new Ddl.AlterTable(table, ifExists, actions);
    }

    private AlterAction action() {
        Token at = c.peek();
        if (c.accept("add")) {
            if (TABLE_CONSTRAINT_STARTS.contains(lower(c.peek()))) {
                return new AlterAction.AddConstraint(at, tableConstraint());
            }
            c.accept("column");
            boolean ifNotExists = c.accept("if", "not", "exists");
            return new AlterAction.AddColumn(at, columnDef(), ifNotExists);
        }
        if (c.accept("drop")) {
            if (c.accept("constraint")) {
                boolean ifExists = c.accept("if", "exists");
                return new AlterAction.DropConstraint(at, c.identifier(), ifExists);
            }
            c.accept("column");
            boolean ifExists = c.accept("if", "exists");
            return new AlterAction.DropColumn(at, c.identifier(), ifExists);
        }
        if (c.accept("alter")) {
            return alterColumn(at);
        }
        if (c.accept("validate", "constraint")) {
            return new AlterAction.ValidateConstraint(at, c.identifier());
        }
        if (c.accept("rename")) {
            if (c.accept("to")) {
                return new AlterAction.RenameTable(at, c.identifier());
            }
            if (c.accept("constraint")) {
                String from = c.identifier();
                c.expect("to");
                return new AlterAction.Other(at, "RENAME CONSTRAINT " + from + " TO " + c.identifier(),
                        LockLevel.SHARE_UPDATE_EXCLUSIVE);
            }
            c.accept("column");
            String from = c.identifier();
            c.expect("to");
            return new AlterAction.RenameColumn(at, from, c.identifier());
        }
        if (c.accept("set", "logged")) {
            return new AlterAction.SetLogged(at, true);
        }
        if (c.accept("set", "unlogged")) {
            return new AlterAction.SetLogged(at, false);
        }
        if (c.accept("set", "schema")) {
            return new AlterAction.SetSchema(at, c.identifier());
        }
        if (c.accept("disable", "trigger")) {
            return new AlterAction.DisableTrigger(at, c.next().text());
        }
        if (c.accept("detach", "partition")) {
            QName partition = c.qname();
            // FINALIZE completes an interrupted DETACH ... CONCURRENTLY and takes the same weak lock.
            return new AlterAction.DetachPartition(at, partition, c.accept("concurrently") || c.accept("finalize"));
        }
        int from = c.position();
        c.skipUntil(NONE);
        String words = c.text(from, c.position());
        String upper = words.toUpperCase(java.util.Locale.ROOT);
        LockLevel lock = upper.startsWith("ENABLE") || upper.startsWith("DISABLE TRIGGER")
                || upper.startsWith("ATTACH") ? LockLevel.SHARE_ROW_EXCLUSIVE
                : upper.startsWith("SET STATISTICS") || upper.startsWith("CLUSTER ON")
                || upper.startsWith("SET WITHOUT CLUSTER") ? LockLevel.SHARE_UPDATE_EXCLUSIVE
                : LockLevel.ACCESS_EXCLUSIVE;
        return new AlterAction.Other(at, words, lock);
    }

    private AlterAction alterColumn(Token at) {
        c.accept("column");
        String column = c.identifier();
        if (c.accept("set", "data", "type") || c.accept("type")) {
            TypeName type = c.typeName();
            if (c.accept("collate")) {
                c.qname();
            }
            return new AlterAction.AlterColumnType(at, column, type, c.is("using"));
        }
        if (c.accept("set", "not", "null")) {
            return new AlterAction.SetNotNull(at, column);
        }
        if (c.accept("drop", "not", "null")) {
            return new AlterAction.DropNotNull(at, column);
        }
        if (c.accept("set", "default")) {
            int from = c.position();
            return new AlterAction.SetDefault(at, column, c.text(from, c.skipUntil(NONE)));
        }
        int from = c.position();
        c.skipUntil(NONE);
        String words = "ALTER COLUMN " + column + " " + c.text(from, c.position());
        LockLevel lock = words.toUpperCase(java.util.Locale.ROOT).contains("SET STATISTICS")
                ? LockLevel.SHARE_UPDATE_EXCLUSIVE : LockLevel.ACCESS_EXCLUSIVE;
        return new AlterAction.Other(at, words, lock);
    }

    private static String lower(Token t) {
        return t == null ? "" : t.text().toLowerCase(java.util.Locale.ROOT);
    }
}
