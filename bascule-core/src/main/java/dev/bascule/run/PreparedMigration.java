package dev.bascule.run;

import dev.bascule.catalog.Migration;
import dev.bascule.catalog.ScriptFormat;
import dev.bascule.error.Problem;
import dev.bascule.error.SourceSyntaxError;
import dev.bascule.sql.Script;
import dev.bascule.sql.ScriptParser;
import dev.bascule.sql.Statement;
import dev.bascule.sql.StatementKind;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A migration split into statements and checked against the way it will run, before anything runs. */
public record PreparedMigration(Migration migration, Script script) {

    public boolean transactional() {
        return !script.directives().noTransaction();
    }

    /**
     * Splits and checks one migration. Problems (syntax, statements PostgreSQL refuses inside a transaction,
     * transaction control in a transactional migration, audit directives on statements they cannot audit) are added
     * to {@code problems}.
     */
    /**
     * {@link #prepare} for each migration, in order; problems land in {@code problems} in migration order. A long
     * list is parsed on every core (parsing is pure): before the first migration is sent, the server waits for it.
     */
    public static List<PreparedMigration> prepareAll(List<Migration> migrations, int serverVersionNum, List<Problem> problems) {
        record Prepared(Optional<PreparedMigration> prepared, List<Problem> problems, RuntimeException failure) {
        }
        java.util.stream.Stream<Migration> stream = migrations.size() >= 64 ? migrations.parallelStream() : migrations.stream();
        List<Prepared> results = stream.map(m -> {
            List<Problem> own = new java.util.ArrayList<>();
            try {
                return new Prepared(prepare(m, serverVersionNum, own), own, null);
            } catch (RuntimeException e) {
                return new Prepared(Optional.empty(), own, e);
            }
        }).toList();
        List<PreparedMigration> prepared = new java.util.ArrayList<>();
        for (Prepared result : results) {
            if (result.failure() != null) {
                throw result.failure();
            }
            problems.addAll(result.problems());
            result.prepared().ifPresent(prepared::add);
        }
        return prepared;
    }

    public static Optional<PreparedMigration> prepare(Migration migration, int serverVersionNum, List<Problem> problems) {
        String path = migration.path();
        Script script;
        try {
            String sql = ScriptFormat.sqlOf(migration.file(), path, migration.text());
            script = ScriptParser.parse(path, sql, migration.includeResolver());
        } catch (SourceSyntaxError e) {
            problems.add(new Problem(e.sourceName(), e.line(), "column " + e.column() + ": " + e.detail()));
            return Optional.empty();
        }
        int before = problems.size();
        checkScript(script, serverVersionNum, problems);
        return problems.size() == before ? Optional.of(new PreparedMigration(migration, script)) : Optional.empty();
    }

    /**
     * The checks of a parsed script against the way it will run (a migration's or a task's): audit directives, then
     * a file with batched statements by its own rules, any other transactional one for statements that cannot run
     * in its transaction.
     */
    static void checkScript(Script script, int serverVersionNum, List<Problem> problems) {
        problems.addAll(dev.bascule.run.audit.AuditDirectives.check(script));
        if (dev.bascule.run.batch.BatchedScriptPlan.hasBatchedStatements(script)) {
            // Batched statements set the file's shape: its own checks, then no single-transaction checks.
            problems.addAll(dev.bascule.run.batch.BatchedScriptPlan.check(script));
            return;
        }
        if (!script.directives().noTransaction()) {
            for (Statement statement : script.statements()) {
                if (statement.mustRunOutsideTransaction(serverVersionNum)) {
                    problems.add(new Problem(statement.sourceName(), statement.line(), leadingWords(statement)
                            + " cannot run inside a transaction block: add '-- bascule:no-transaction' to the file's header"
                            + " comment (the statements then run one by one, each committed on its own)"));
                } else if (statement.kind() == StatementKind.TRANSACTION_CONTROL) {
                    problems.add(new Problem(statement.sourceName(), statement.line(), leadingWords(statement)
                            + ": Bascule already runs each migration in one transaction; remove this statement, or add"
                            + " '-- bascule:no-transaction' to the header to control transactions yourself"));
                }
            }
        }
    }

    /** Keywords that may lead a statement; other words (names) are shown as written, never upper-cased. */
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("alter", "analyze", "begin", "cluster",
            "comment", "commit", "concurrently", "copy", "create", "delete", "drop", "exists", "from", "function",
            "grant", "if", "index", "insert", "into", "not", "on", "or", "procedure", "refresh", "reindex", "replace",
            "revoke", "rollback", "schema", "select", "sequence", "set", "system", "table", "trigger", "type", "unique",
            "update", "vacuum", "view", "materialized", "with", "add", "value", "database", "tablespace", "start",
            "transaction", "savepoint", "release", "end", "abort", "prepare", "full", "verbose");

    /**
     * The statement's first words (never literals), keywords upper-cased and names as written, safe to show even
     * for secure migrations.
     */
    static String leadingWords(Statement statement) {
        StringBuilder words = new StringBuilder();
        int count = 0;
        for (String word : statement.sql().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            String bare = word.endsWith(";") ? word.substring(0, word.length() - 1) : word;
            if (bare.isEmpty() || !bare.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '.')
                    || !Character.isLetter(bare.charAt(0)) || count == 6) {
                break;
            }
            String lower = bare.toLowerCase(Locale.ROOT);
            words.append(count++ == 0 ? "" : " ").append(KEYWORDS.contains(lower) ? bare.toUpperCase(Locale.ROOT) : bare);
        }
        return words.length() == 0 ? "this statement" : words.toString();
    }

    /**
     * What a no-transaction migration left behind when it stopped after {@code done} statements: each applied
     * statement's first words and line, so the user knows which objects a rerun will find already there.
     */
    public static String appliedBefore(List<Statement> statements, int done) {
        if (done == 0) {
            return "None of its statements had run.";
        }
        StringBuilder text = new StringBuilder("Its first " + done + " of " + statements.size()
                + " statement(s) stay applied: ");
        for (int i = 0; i < done && i < statements.size(); i++) {
            text.append(i == 0 ? "" : "; ").append(leadingWords(statements.get(i))).append(" (line ")
                    .append(statements.get(i).line()).append(')');
        }
        return text.append('.').toString();
    }
}
