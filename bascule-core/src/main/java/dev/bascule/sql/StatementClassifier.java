package dev.bascule.sql;

/**
 * Classifies a top-level statement from its leading keywords (words inside parentheses, strings and dollar
 * quotes are invisible to it, so {@code DO $$ ... CREATE INDEX CONCURRENTLY ... $$} stays ORDINARY).
 */
final class StatementClassifier {

    private StatementClassifier() {
    }

    static StatementKind classify(TopLevelWords w, int significantTokens) {
        if (w.count() == 0 || w.ordinal(0) != 0) {
            return StatementKind.ORDINARY;
        }
        if (isCopyFromStdin(w)) {
            return StatementKind.COPY_FROM_STDIN;
        }
        if (isTransactionControl(w)) {
            return StatementKind.TRANSACTION_CONTROL;
        }
        if (refusesTransactionBlock(w, significantTokens)) {
            return StatementKind.NO_TRANSACTION;
        }
        return StatementKind.ORDINARY;
    }

    /** {@code COPY ... FROM STDIN} (any case, any options, old or new syntax). */
    static boolean isCopyFromStdin(TopLevelWords w) {
        return w.count() > 0 && w.ordinal(0) == 0 && w.is(0, "copy") && w.containsPair("from", "stdin", 1);
    }

    /** {@code ALTER TYPE ... ADD VALUE}: refused inside a transaction block before PostgreSQL 12. */
    static boolean isAlterTypeAddValue(TopLevelWords w) {
        return w.is(0, "alter") && w.is(1, "type") && w.containsPair("add", "value", 2);
    }

    private static boolean isTransactionControl(TopLevelWords w) {
        if (w.is(0, "commit") || w.is(0, "rollback")) {
            // COMMIT PREPARED / ROLLBACK PREPARED finish a two-phase transaction and refuse a transaction block.
            return !w.is(1, "prepared");
        }
        return w.is(0, "begin") || w.is(0, "end") || w.is(0, "abort") || w.is(0, "savepoint")
                || w.is(0, "release")
                || (w.is(0, "start") && w.is(1, "transaction"))
                || (w.is(0, "prepare") && w.is(1, "transaction"));
    }

    private static boolean refusesTransactionBlock(TopLevelWords w, int significantTokens) {
        if (w.is(0, "vacuum") || (w.is(0, "alter") && w.is(1, "system"))) {
            return true;
        }
        if ((w.is(0, "commit") || w.is(0, "rollback")) && w.is(1, "prepared")) {
            return true;
        }
        if (w.is(0, "discard") && w.is(1, "all")) {
            return true;
        }
        if (w.is(0, "cluster")) {
            // Only the form without a table ("CLUSTER" / "CLUSTER VERBOSE") reclusters the whole database.
            // Words plus at most the terminating ";": nothing in parentheses, no table name.
            return significantTokens <= w.count() + 1 && (w.count() == 1 || (w.count() == 2 && w.is(1, "verbose")));
        }
        if (w.is(0, "reindex")) {
            int target = 1;
            return w.indexOf("concurrently", 1) >= 0 || w.is(target, "schema") || w.is(target, "database")
                    || w.is(target, "system");
        }
        if (w.is(0, "create")) {
            int index = w.is(1, "unique") ? 2 : 1;
            if (w.is(index, "index")) {
                return w.is(index + 1, "concurrently");
            }
            return w.is(1, "database") || w.is(1, "tablespace") || w.is(1, "subscription");
        }
        if (w.is(0, "drop")) {
            if (w.is(1, "index")) {
                return w.is(2, "concurrently");
            }
            return w.is(1, "database") || w.is(1, "tablespace") || w.is(1, "subscription");
        }
        if (w.is(0, "alter")) {
            if (w.is(1, "database")) {
                return w.containsPair("set", "tablespace", 2);
            }
            if (w.is(1, "subscription")) {
                // REFRESH PUBLICATION and SET/ADD/DROP PUBLICATION (which refresh by default) refuse a block.
                return w.indexOf("refresh", 2) >= 0 || w.indexOf("publication", 2) >= 0;
            }
            if (w.is(1, "table")) {
                return w.containsPair("detach", "partition", 2) && w.indexOf("concurrently", 2) >= 0;
            }
        }
        return false;
    }
}
