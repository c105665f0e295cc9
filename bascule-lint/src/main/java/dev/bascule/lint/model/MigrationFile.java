package dev.bascule.lint.model;

import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.Body;
import dev.bascule.lint.parse.BodyStatement;
import dev.bascule.lint.parse.ColumnDef;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.ParsedScript;
import dev.bascule.lint.parse.QName;
import dev.bascule.lint.parse.Routine;
import dev.bascule.lint.parse.SqlStatement;
import dev.bascule.lint.parse.TypeName;
import dev.bascule.sql.DirectiveKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed migration file with what rules ask about it: its statements (top-level ones, each followed by the
 * statements of its DO body, which run when it runs), which tables each statement finds already existing or
 * filled, which statements share a transaction, what lock each one takes, which functions it declares.
 */
public final class MigrationFile {

    private final ParsedScript script;
    private final List<SqlStatement> statements;
    /** For each statement, the index of the DO statement whose body holds it, or -1 at top level. */
    private final int[] host;
    private final LintContext context;
    /** Table key to the index of the statement that created it in this file. */
    private final Map<String, Integer> createdAt = new HashMap<>();
    /** Table key to the index of the CREATE TABLE ... AS / SELECT INTO that created it filled. */
    private final Map<String, Integer> filledAt = new HashMap<>();
    /** For each statement, its transaction number, or -1 when it runs outside any transaction. */
    private final int[] transaction;
    private final LockMode[] locks;
    private final boolean dataMigration;
    /** The runner wraps the whole file in one transaction. */
    private final boolean wrapped;
    private final FunctionVolatility functions;

    public MigrationFile(ParsedScript script, LintContext context) {
        this.script = script;
        this.context = context;
        List<SqlStatement> all = new ArrayList<>();
        List<Integer> hosts = new ArrayList<>();
        int body = 0;
        for (int i = 0; i < script.statements().size(); i++) {
            int hostIndex = all.size();
            all.add(script.statements().get(i));
            hosts.add(-1);
            for (; body < script.bodies().size() && script.bodies().get(body).host() <= i; body++) {
                Body b = script.bodies().get(body);
                if (b.host() == i && b.runsNow()) {
                    for (BodyStatement s : b.statements()) {
                        if (s.kind() == BodyStatement.Kind.SQL) {
                            all.add(s.statement());
                            hosts.add(hostIndex);
                        }
                    }
                }
            }
        }
        this.statements = List.copyOf(all);
        this.host = hosts.stream().mapToInt(Integer::intValue).toArray();
        this.transaction = new int[statements.size()];
        this.locks = new LockMode[statements.size()];
        for (int i = 0; i < statements.size(); i++) {
            Ddl ddl = statements.get(i).ddl();
            locks[i] = StatementLocks.of(ddl);
            if (ddl instanceof Ddl.CreateTable t) {
                createdAt.putIfAbsent(t.table().key(), i);
                if (t.populated()) {
                    filledAt.putIfAbsent(t.table().key(), i);
                }
            }
        }
        // As the runner does (PreparedMigration): one transaction per file unless the header directive says
        // otherwise; a statement refused in a transaction does not change that, it makes the migration fail.
        this.wrapped = context.runnerWrapsFile() && !script.directives().noTransaction();
        assignTransactions(wrapped);
        boolean declaredData = script.directives().find(DirectiveKind.DATA).isPresent();
        this.dataMigration = declaredData || (context.dataMigration() != null ? context.dataMigration()
                : inferDataMigration());
        this.functions = new FunctionVolatility(this);
    }

    private void assignTransactions(boolean wrapped) {
        int number = wrapped ? 0 : -1;
        int next = 1;
        boolean explicit = false;
        for (int i = 0; i < statements.size(); i++) {
            if (host[i] >= 0) {
                transaction[i] = transaction[host[i]]; // a DO body runs in its DO statement's transaction
                continue;
            }
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
        return script.file();
    }

    public ParsedScript script() {
        return script;
    }

    /** Top-level statements, each followed by the statements of its DO body (which run when it runs). */
    public List<SqlStatement> statements() {
        return statements;
    }

    public SqlStatement statement(int index) {
        return statements.get(index);
    }

    /** The DO statement holding statement {@code index} in its body, or -1 for a top-level statement. */
    public int host(int index) {
        return host[index];
    }

    /** The bodies of the file's DO blocks and plpgsql/sql routines. */
    public List<Body> bodies() {
        return script.bodies();
    }

    /** Index of {@code statement} (the same object) in {@link #statements()}, or -1 (a function body's). */
    public int indexOf(SqlStatement statement) {
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i) == statement) {
                return i;
            }
        }
        return -1;
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

    /** The statement that created {@code table} filled (CREATE TABLE ... AS, SELECT INTO) before {@code index}. */
    public Optional<Integer> filledBy(QName table, int index) {
        Integer filled = table == null ? null : filledAt.get(table.key());
        return filled != null && filled < index ? Optional.of(filled) : Optional.empty();
    }

    /** True when {@code table} may hold rows at statement {@code index}: it existed, or was created filled. */
    public boolean holdsRows(QName table, int index) {
        return isExisting(table, index) || filledBy(table, index).isPresent();
    }

    /**
     * True when other sessions can reach {@code table} at statement {@code index} and it may hold rows: it
     * existed before the file, or was created filled by an earlier statement that has already committed. A
     * table created in the running transaction is invisible to everyone else, so its locks block nobody.
     */
    public boolean isLive(QName table, int index) {
        if (isExisting(table, index)) {
            return true;
        }
        Optional<Integer> filled = filledBy(table, index);
        return filled.isPresent() && (transaction[index] < 0 || transaction[filled.get()] != transaction[index]);
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
            if (host[i] < 0 && statements.get(i).ddl() instanceof Ddl.Transaction t) {
                return t.kind() == Ddl.Transaction.Kind.BEGIN || t.kind() == Ddl.Transaction.Kind.SAVEPOINT;
            }
        }
        return false;
    }

    /** True when the runner runs this whole file inside one transaction of its own. */
    public boolean runnerWrapsInTransaction() {
        return wrapped;
    }

    /** A data migration: declared by {@code -- bascule:data} or configuration, or inferred from its statements. */
    public boolean isDataMigration() {
        return dataMigration;
    }

    /** True when the file's header holds {@code -- bascule:data}. */
    public boolean declaredDataMigration() {
        return script.directives().find(DirectiveKind.DATA).isPresent();
    }

    /** The volatility of functions called by statement {@code index}, as far as this file and the context tell. */
    public FunctionVolatility functions() {
        return functions;
    }

    /** Routines this file creates or alters (top-level statements), with the index of their statement. */
    List<Map.Entry<Integer, Routine>> routines() {
        List<Map.Entry<Integer, Routine>> out = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            if (host[i] < 0) {
                int index = i;
                Routine.of(statements.get(i).tokens()).ifPresent(r -> out.add(Map.entry(index, r)));
            }
        }
        return out;
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
