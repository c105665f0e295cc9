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
     * transaction control in a transactional migration) are added to {@code problems}.
     */
    public static Optional<PreparedMigration> prepare(Migration migration, int serverVersionNum, List<Problem> problems) {
        String path = migration.path();
        Script script;
        try {
            String sql = ScriptFormat.sqlOf(migration.file(), path, migration.text());
            script = ScriptParser.parse(path, sql);
        } catch (SourceSyntaxError e) {
            problems.add(new Problem(e.sourceName(), e.line(), "column " + e.column() + ": " + e.detail()));
            return Optional.empty();
        }
        PreparedMigration prepared = new PreparedMigration(migration, script);
        int before = problems.size();
        if (prepared.transactional()) {
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
        return problems.size() == before ? Optional.of(prepared) : Optional.empty();
    }

    /** The statement's first keywords (never literals), safe to show even for secure migrations. */
    static String leadingWords(Statement statement) {
        StringBuilder words = new StringBuilder();
        int count = 0;
        for (String word : statement.sql().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!word.chars().allMatch(c -> Character.isLetter(c) || c == '_') || count == 4) {
                break;
            }
            words.append(count++ == 0 ? "" : " ").append(word.toUpperCase(Locale.ROOT));
        }
        return words.length() == 0 ? "this statement" : words.toString();
    }
}
