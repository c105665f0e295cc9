package dev.bascule.lint.model;

import dev.bascule.lint.parse.Routine.Volatility;

import dev.bascule.lint.observed.ObservedLocks;

import java.util.Map;

/**
 * What the linter knows beyond the file itself.
 *
 * @param existingTables             table key ({@code name} or {@code schema.name}, see {@code QName.key()}) to
 *                                   estimated rows, read from the target database; {@code null} when unknown, in
 *                                   which case every table not created earlier in the same file counts as existing
 * @param columnTypes                {@code table.column} to the type as {@code format_type} prints it, or
 *                                   {@code null}
 * @param functions                  function name ({@code name} or {@code schema.name}) to its volatility in the
 *                                   target database ({@code pg_proc}), or {@code null} when unknown
 * @param runnerSetsLockTimeout      the runner sets {@code lock_timeout} itself, so files need not
 * @param runnerSetsStatementTimeout the runner sets {@code statement_timeout} itself
 * @param runnerWrapsFile            the runner runs each file in one transaction unless its header holds
 *                                   {@code -- bascule:no-transaction} (Bascule's runner does)
 * @param reversibilityRequired      the environment requires a down migration for every up migration
 * @param hasDownMigration           a down migration exists for this file
 * @param dataMigration              the file is a data migration (configured as such); {@code null} to take it
 *                                   from its {@code -- bascule:data} header or infer it from its statements
 * @param serverVersionNum           the target's {@code server_version_num}; {@link #ANY_SERVER} when unknown
 *                                   (statements are then judged as a current PostgreSQL judges them)
 * @param observed                   what {@code bascule trace} saw each statement do on a shadow copy
 *                                   ({@code lint --trace}), or {@code null} when not traced
 */
public record LintContext(Map<String, Long> existingTables, Map<String, String> columnTypes,
                          Map<String, Volatility> functions, boolean runnerSetsLockTimeout,
                          boolean runnerSetsStatementTimeout, boolean runnerWrapsFile, boolean reversibilityRequired,
                          boolean hasDownMigration, Boolean dataMigration, int serverVersionNum, LintConfig config,
                          ObservedLocks observed) {

    /** No particular server: the newest PostgreSQL's behaviour. */
    public static final int ANY_SERVER = Integer.MAX_VALUE;

    public LintContext {
        existingTables = existingTables == null ? null : Map.copyOf(existingTables);
        columnTypes = columnTypes == null ? null : Map.copyOf(columnTypes);
        functions = functions == null ? null : Map.copyOf(functions);
    }

    /** Linting files alone: nothing known about the database or the runner's timeouts; each file is wrapped. */
    public static LintContext filesOnly(LintConfig config) {
        return new LintContext(null, null, null, false, false, true, false, true, null, ANY_SERVER, config, null);
    }

    public LintContext withDatabase(Map<String, Long> tables, Map<String, String> columns) {
        return new LintContext(tables, columns, functions, runnerSetsLockTimeout, runnerSetsStatementTimeout,
                runnerWrapsFile, reversibilityRequired, hasDownMigration, dataMigration, serverVersionNum,
                config, observed);
    }

    public LintContext withFunctions(Map<String, Volatility> volatility, int serverVersion) {
        return new LintContext(existingTables, columnTypes, volatility, runnerSetsLockTimeout,
                runnerSetsStatementTimeout, runnerWrapsFile, reversibilityRequired, hasDownMigration, dataMigration,
                serverVersion, config, observed);
    }

    public LintContext withReversibility(boolean required, boolean hasDown) {
        return new LintContext(existingTables, columnTypes, functions, runnerSetsLockTimeout,
                runnerSetsStatementTimeout, runnerWrapsFile, required, hasDown, dataMigration, serverVersionNum,
                config, observed);
    }

    public LintContext withRunnerLockTimeout(boolean setsLockTimeout) {
        return new LintContext(existingTables, columnTypes, functions, setsLockTimeout, runnerSetsStatementTimeout,
                runnerWrapsFile, reversibilityRequired, hasDownMigration, dataMigration, serverVersionNum,
                config, observed);
    }

    public LintContext withRunnerStatementTimeout(boolean setsStatementTimeout) {
        return new LintContext(existingTables, columnTypes, functions, runnerSetsLockTimeout, setsStatementTimeout,
                runnerWrapsFile, reversibilityRequired, hasDownMigration, dataMigration, serverVersionNum,
                config, observed);
    }

    public LintContext withDataMigration(Boolean data) {
        return new LintContext(existingTables, columnTypes, functions, runnerSetsLockTimeout,
                runnerSetsStatementTimeout, runnerWrapsFile, reversibilityRequired, hasDownMigration, data,
                serverVersionNum, config, observed);
    }

    /** The same context with what trace observed ({@code lint --trace}); {@code null} for none. */
    public LintContext withObserved(ObservedLocks traced) {
        return new LintContext(existingTables, columnTypes, functions, runnerSetsLockTimeout,
                runnerSetsStatementTimeout, runnerWrapsFile, reversibilityRequired, hasDownMigration, dataMigration,
                serverVersionNum, config, traced);
    }
}
