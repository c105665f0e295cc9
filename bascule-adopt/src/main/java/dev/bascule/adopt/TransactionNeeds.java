package dev.bascule.adopt;

import dev.bascule.sql.Script;
import dev.bascule.sql.ScriptParser;
import dev.bascule.sql.Statement;
import dev.bascule.sql.StatementKind;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a script must run without a wrapping transaction under Bascule, judged from its statements: one that
 * PostgreSQL refuses inside a transaction block (the other tools ran such files as a single statement, or
 * outside a transaction), or transaction control of its own ({@code BEGIN; ... COMMIT;}, as Prisma writes for
 * enum changes). Everything else keeps the all-or-nothing behaviour the tools had.
 */
final class TransactionNeeds {

    /**
     * Oldest PostgreSQL the imported files are judged for: 13, the oldest Bascule is tested on (from 12 on,
     * {@code ALTER TYPE ... ADD VALUE} runs inside a transaction).
     */
    private static final int SERVER_VERSION = 130000;

    private TransactionNeeds() {
    }

    /**
     * Why the script cannot run in one transaction ({@code line 4: CREATE INDEX CONCURRENTLY ...}), or empty.
     *
     * @throws dev.bascule.error.SourceSyntaxError when the script cannot be split (unterminated quote...)
     */
    static Optional<String> noTransactionReason(String sourceName, String sql) {
        Script script = ScriptParser.parse(sourceName, sql);
        for (Statement statement : script.statements()) {
            if (statement.mustRunOutsideTransaction(SERVER_VERSION)) {
                return Optional.of("line " + statement.line() + ": " + leadingWords(statement)
                        + " cannot run inside a transaction block");
            }
            if (statement.kind() == StatementKind.TRANSACTION_CONTROL) {
                return Optional.of("line " + statement.line() + ": " + leadingWords(statement)
                        + ": the file controls its own transactions");
            }
        }
        return Optional.empty();
    }

    /** Whether the script holds at least one statement (comments and blank lines alone do not count). */
    static boolean hasStatements(String sourceName, String sql) {
        return !ScriptParser.parse(sourceName, sql).statements().isEmpty();
    }

    /** Words that open the statements named in reasons; the first other word (a name) ends the quote. */
    private static final Set<String> KEYWORDS = Set.of("CREATE", "DROP", "ALTER", "INDEX", "UNIQUE", "CONCURRENTLY",
            "REINDEX", "TABLE", "SCHEMA", "DATABASE", "SYSTEM", "VACUUM", "ANALYZE", "FULL", "TYPE", "ADD", "VALUE",
            "BEGIN", "COMMIT", "END", "ROLLBACK", "START", "TRANSACTION", "SAVEPOINT", "RELEASE", "PREPARE", "ABORT",
            "TABLESPACE", "SUBSCRIPTION", "DISCARD", "ALL", "CLUSTER", "IF", "NOT", "EXISTS", "WORK", "REFRESH",
            "MATERIALIZED", "VIEW", "DETACH", "PARTITION");

    /** The statement's leading keywords, upper-cased: never a name or a literal. */
    private static String leadingWords(Statement statement) {
        StringBuilder words = new StringBuilder();
        for (String word : statement.sql().split("[\\s;(]+")) {
            String w = word.toUpperCase(Locale.ROOT);
            if (!KEYWORDS.contains(w)) {
                break;
            }
            words.append(words.length() == 0 ? "" : " ").append(w);
        }
        return words.length() == 0 ? "a statement" : words.toString();
    }
}
