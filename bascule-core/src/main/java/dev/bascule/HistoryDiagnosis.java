package dev.bascule;

import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.history.HistoryTable;
import dev.bascule.history.HistoryTableCheck;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns a failure on the history table ("database error outside a migration statement", "cannot read migration
 * history") into what is wrong with the table and what to do, by asking {@link HistoryTableCheck} on a fresh
 * connection. Only failures that can come from the table are examined: not a statement of a migration (it names
 * its file), not a lost connection (SQLSTATE classes 08 and 57, a crash), and nothing when the database cannot be
 * reached again; then the original failure stands.
 */
final class HistoryDiagnosis {

    private HistoryDiagnosis() {
    }

    /** Runs {@code action}; a failure it throws on the history table is replaced by the diagnosis, when there is one. */
    static <T> T explaining(Supplier<Database> database, HistoryTable history, Supplier<T> action) {
        try {
            return action.get();
        } catch (BasculeException.MigrationFailed e) {
            boolean recording = e.getMessage() != null && e.getMessage().contains("recording it in " + history.qualifiedName());
            if ((e.file() != null && !recording) || e.sqlState() == null || e.sqlState().startsWith("08")
                    || e.sqlState().startsWith("57")) {
                throw e;
            }
            throw explained(e, database, history);
        } catch (BasculeException.Configuration e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("cannot read migration history")) {
                throw e;
            }
            throw explained(e, database, history);
        }
    }

    private static BasculeException explained(BasculeException e, Supplier<Database> database, HistoryTable history) {
        Optional<String> why;
        try (Connection connection = database.get().connect()) {
            why = HistoryTableCheck.diagnose(connection, history);
        } catch (SQLException | RuntimeException unreachable) {
            return e;
        }
        return why.<BasculeException>map(w -> new BasculeException.Configuration(w + "\n  (the error was: "
                + e.getMessage() + ")", e)).orElse(e);
    }
}
