package dev.bascule.lint;

import java.util.Map;

/**
 * What the linter knows beyond the file itself.
 *
 * @param existingTables        table key ({@code name} or {@code schema.name}, see {@code QName.key()}) to
 *                              estimated rows, read from the target database; {@code null} when unknown, in
 *                              which case every table not created earlier in the same file counts as existing
 * @param columnTypes           {@code table.column} to the type as {@code format_type} prints it, or {@code null}
 * @param runnerSetsLockTimeout the runner sets {@code lock_timeout} itself, so files need not
 * @param runnerWrapsFile       the runner runs each file in one transaction unless its header holds
 *                              {@code -- bascule:no-transaction} (Bascule's runner does)
 * @param reversibilityRequired the environment requires a down migration for every up migration
 * @param hasDownMigration      a down migration exists for this file
 * @param dataMigration         the file is a data migration; {@code null} to infer it from its statements
 */
public record LintContext(Map<String, Long> existingTables, Map<String, String> columnTypes,
                          boolean runnerSetsLockTimeout, boolean runnerWrapsFile, boolean reversibilityRequired,
                          boolean hasDownMigration, Boolean dataMigration, LintConfig config) {

    public LintContext {
        existingTables = existingTables == null ? null : Map.copyOf(existingTables);
        columnTypes = columnTypes == null ? null : Map.copyOf(columnTypes);
    }

    /** Linting files alone: nothing known about the database, the runner wraps each file in a transaction. */
    public static LintContext filesOnly(LintConfig config) {
        return new LintContext(null, null, false, true, false, true, null, config);
    }

    public LintContext withDatabase(Map<String, Long> tables, Map<String, String> columns) {
        return new LintContext(tables, columns, runnerSetsLockTimeout, runnerWrapsFile, reversibilityRequired,
                hasDownMigration, dataMigration, config);
    }

    public LintContext withReversibility(boolean required, boolean hasDown) {
        return new LintContext(existingTables, columnTypes, runnerSetsLockTimeout, runnerWrapsFile, required,
                hasDown, dataMigration, config);
    }

    public LintContext withRunnerLockTimeout(boolean setsLockTimeout) {
        return new LintContext(existingTables, columnTypes, setsLockTimeout, runnerWrapsFile,
                reversibilityRequired, hasDownMigration, dataMigration, config);
    }

    public LintContext withDataMigration(Boolean data) {
        return new LintContext(existingTables, columnTypes, runnerSetsLockTimeout, runnerWrapsFile,
                reversibilityRequired, hasDownMigration, data, config);
    }
}
