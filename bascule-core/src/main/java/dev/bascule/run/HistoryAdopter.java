package dev.bascule.run;

import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.Migration;
import dev.bascule.error.Problem;
import dev.bascule.history.HistoryTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Imports another tool's history as applied, so an existing database continues without re-running anything
 * ({@code bascule adopt TOOL}, {@code adopt: TOOL} on the first migrate). Found with {@link ServiceLoader} by
 * {@link #tool()}: bascule-pop offers {@code pop}.
 */
public interface HistoryAdopter {

    /**
     * What an adoption did.
     *
     * @param table           the other tool's history table that was read
     * @param adopted         the migrations now recorded as applied
     * @param alreadyRecorded versions Bascule's history already had (adoption is idempotent)
     * @param unknown         warnings: versions in the other tool's table that no versioned stage holds
     */
    record Result(String table, List<Migration> adopted, int alreadyRecorded, List<Problem> unknown) {
        public Result {
            adopted = List.copyOf(adopted);
            unknown = List.copyOf(unknown);
        }
    }

    /** The name users write: {@code pop}. */
    String tool();

    /** The tool's name in messages: {@code Pop}. */
    default String displayName() {
        return tool();
    }

    /** Whether this database holds the tool's history table (checked before a first migrate adopts it). */
    boolean detect(Connection connection) throws SQLException;

    /**
     * Records the tool's applied versions in {@code history}, in one transaction; the caller holds the advisory
     * lock and has ensured the history table exists.
     */
    Result adopt(Connection connection, Catalog catalog, HistoryTable history) throws SQLException;

    /** The adopters on the class path. */
    static List<HistoryAdopter> installed() {
        return ServiceLoader.load(HistoryAdopter.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** The adopter for {@code tool}, if installed. */
    static Optional<HistoryAdopter> forTool(String tool) {
        return installed().stream().filter(a -> a.tool().equals(tool)).findFirst();
    }
}
