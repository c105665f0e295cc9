package dev.bascule.lint;

import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.ColumnDef;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.QName;
import dev.bascule.lint.parse.SqlStatement;
import dev.bascule.lint.parse.TypeName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed migration file with what rules ask about it: which tables each statement finds already existing,
 * which statements share a transaction, what lock each one takes.
 */
public final class MigrationFile {

    private final String file;
    private final List<SqlStatement> statements;
    private final LintContext context;
    /** Table key to the index of the statement that created it in this file. */
    private final Map<String, Integer> createdAt = new HashMap<>();
    /** For each statement, its transaction number, or -1 when it runs outside any transaction. */
    private final int[] transaction;
    private final LockMode[] locks;
    private final boolean dataMigration;
    /** The runner wraps the whole file in one transaction. */
    private final boolean wrapped;

    public MigrationFile(String file, List<SqlStatement> statements, LintContext context) {
        this.file = file;
        this.statements = List.copyOf(statements);
        this.context = context;
        this.transaction = new int[statements.size()];
        this.locks = new LockMode[statements.size()];
        for (int i = 0; i < statements.size(); i++) {
            Ddl ddl = statements.get(i).ddl();
            locks[i] = StatementLocks.of(ddl);
            if (ddl instanceof Ddl.CreateTable t) {
                createdAt.putIfAbsent(t.table().key(), i);
            }
        }
        // Like the runner (PreparedMigration): one transaction per file unless the header says otherwise; a
        // CONCURRENTLY statement does not change that, it makes the migration fail (concurrently-in-transaction).
        this.wrapped = context.runnerWrapsFile() && !declaresNoTransaction();
        assignTransactions(wrapped);
        this.dataMigration = context.dataMigration() != null ? context.dataMigration() : inferDataMigration();
    }

    /** The script engine's header directive {@code -- bascule:no-transaction} makes the runner skip the wrap. */
    private boolean declaresNoTransaction() {
        return !statements.isEmpty() && statements.get(0).leadingComments().stream()
                .anyMatch(c -> c.text().strip().matches("--\\s*bascule:no-transaction\\b.*"));
    }

    private void assignTransactions(boolean wrapped) {
        int number = wrapped ? 0 : -1;
        int next = 1;
        boolean explicit = false;
        for (int i = 0; i < statements.size(); i++) {
            Ddl ddl = statements.get(i).ddl();
            if (ddl instanceof Ddl.Transaction t && t.kind() == Ddl.Transaction.Kind.BEGIN && !explicit) {
                explicit = true;
                number = wrapped ? 0 : next++;
            }
            transaction[i] = number;
            if (ddl instanceof Ddl.Transaction t && explicit
                    && (t.kind() == Ddl.Transaction.Kind.COMMIT || t.kind() == Ddl.Transaction.Kind.ROLLBACK)) {
                explicit = false;
                number = wrapped ? 0 : -1;
            }
        }
    }

    /** Statements PostgreSQL refuses inside a transaction block. */
    public static boolean cannotRunInTransaction(Ddl ddl) {
        if (ddl instanceof Ddl.CreateIndex i) {
            return i.concurrently();
        } else if (ddl instanceof Ddl.DropIndex d) {
            return d.concurrently();
        } else if (ddl instanceof Ddl.Reindex r) {
            return r.concurrently();
        } else if (ddl instanceof Ddl.Vacuum) {
            return true;
        } else if (ddl instanceof Ddl.AlterTable a) {
            return a.actions().stream().anyMatch(x -> x instanceof AlterAction.DetachPartition d && d.concurrently());
        }
        return false;
    }

    /** A data migration holds only INSERT/UPDATE/DELETE/COPY, besides queries, SET and transaction control. */
    private boolean inferDataMigration() {
        boolean anyData = false;
        for (SqlStatement s : statements) {
            Ddl ddl = s.ddl();
            if (isDataChange(ddl)) {
                anyData = true;
            } else if (!(ddl instanceof Ddl.Transaction || ddl instanceof Ddl.SetParameter
                    || (ddl instanceof Ddl.Opaque o && !o.schemaChange()))) {
                return false;
            }
        }
        return anyData;
    }

    public static boolean isDataChange(Ddl ddl) {
        return ddl instanceof Ddl.Insert || ddl instanceof Ddl.Update || ddl instanceof Ddl.Delete
                || ddl instanceof Ddl.Copy;
    }

    public String file() {
        return file;
    }

    public List<SqlStatement> statements() {
        return statements;
    }

    public SqlStatement statement(int index) {
        return statements.get(index);
    }

    public LintContext context() {
        return context;
    }

    public LockMode lock(int index) {
        return locks[index];
    }

    /** True when {@code table} existed before statement {@code index} ran: not created earlier in this file. */
    public boolean isExisting(QName table, int index) {
        if (table == null) {
            return false;
        }
        Integer created = createdAt.get(table.key());
        if (created != null && created < index) {
            return false;
        }
        return context.existingTables() == null || context.existingTables().containsKey(table.key());
    }

    /** True when {@code table} is created by this file at or before statement {@code index}. */
    public boolean createdInFile(QName table, int index) {
        Integer created = table == null ? null : createdAt.get(table.key());
        return created != null && created <= index;
    }

    /** Estimated rows of an existing table, or -1 when unknown. */
    public long rows(QName table) {
        if (table == null || context.existingTables() == null) {
            return -1;
        }
        return context.existingTables().getOrDefault(table.key(), -1L);
    }

    /** The current type of an existing column as the database reports it, or {@code null} when unknown. */
    public TypeName columnType(QName table, String column) {
        if (context.columnTypes() == null) {
            return null;
        }
        String formatted = context.columnTypes().get(table.key() + "." + column);
        return formatted == null ? null : TypeName.parseFormatted(formatted);
    }

    /** Transaction number of a statement; -1 when it runs in autocommit. Equal numbers share a transaction. */
    public int transaction(int index) {
        return transaction[index];
    }

    public boolean inExplicitTransaction(int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (statements.get(i).ddl() instanceof Ddl.Transaction t) {
                return t.kind() == Ddl.Transaction.Kind.BEGIN || t.kind() == Ddl.Transaction.Kind.SAVEPOINT;
            }
        }
        return false;
    }

    /** True when the runner runs this whole file inside one transaction of its own. */
    public boolean runnerWrapsInTransaction() {
        return wrapped;
    }

    public boolean isDataMigration() {
        return dataMigration;
    }

    /** Columns of the tables this file creates, for rules that follow a column from creation to comment. */
    public List<ColumnDef> columnsCreatedIn(int index) {
        if (statements.get(index).ddl() instanceof Ddl.CreateTable t) {
            return t.columns();
        }
        List<ColumnDef> added = new ArrayList<>();
        if (statements.get(index).ddl() instanceof Ddl.AlterTable a) {
            for (var action : a.actions()) {
                if (action instanceof AlterAction.AddColumn add) {
                    added.add(add.column());
                }
            }
        }
        return added;
    }
}
