package dev.bascule.run;

import dev.bascule.db.ConnectionCleanup;
import dev.bascule.Settings;
import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.Migration;
import dev.bascule.catalog.Version;
import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;
import dev.bascule.error.SourceSyntaxError;
import dev.bascule.history.AppliedMigration;
import dev.bascule.history.ProgressTable;
import dev.bascule.source.Location;
import dev.bascule.source.MigrationSource;
import dev.bascule.source.Sources;
import dev.bascule.sql.Script;
import dev.bascule.sql.ScriptFiles;
import dev.bascule.sql.ScriptParser;
import dev.bascule.sql.Statement;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code down}: undoes applied migrations newest first with their {@code .down.sql} files, each in one transaction
 * together with the removal of its history row (a {@code -- bascule:no-transaction} down runs statement by statement
 * and its row goes last). Everything is checked before the first down runs: a missing down file, a failed migration
 * or a target that is not applied stops it with every problem listed.
 */
final class DownRunner {

    /** How far to go: down to (and keeping) a version, a number of migrations, or (neither given) all of them. */
    record Range(Optional<Version> to, Optional<Integer> steps) {
    }

    /** A down file ready to run: the migration it undoes, its history row and its parsed script. */
    record PreparedDown(Migration migration, AppliedMigration row, Script script) {
        boolean transactional() {
            return !script.directives().noTransaction();
        }
    }

    private final Settings settings;

    DownRunner(Settings settings) {
        this.settings = settings;
    }

    /** The downs to run, newest first; every problem at once. */
    List<PreparedDown> prepare(Catalog catalog, List<AppliedMigration> history, Range range) {
        List<AppliedMigration> applied = history.stream().filter(r -> r.version() != null)
                .sorted(Comparator.comparing(AppliedMigration::version).reversed()).toList();
        List<Problem> problems = new ArrayList<>(dev.bascule.catalog.DownFiles.withoutUp(settings.stages(),
                settings.sourceSettings(), settings::isSecure));
        List<AppliedMigration> chosen = choose(applied, range, problems);
        List<PreparedDown> downs = new ArrayList<>();
        for (AppliedMigration row : chosen) {
            Optional<Migration> migration = catalog.find(row.version());
            if (!row.success()) {
                problems.add(Problem.of(row.script(), "failed and is only partly applied: a down file cannot know what to"
                        + " undo; fix the database by hand and run 'bascule repair' first"));
            } else if (migration.isEmpty()) {
                problems.add(Problem.of(row.script(), "is applied but its file is in none of the paths: restore it and its"
                        + " .down.sql"));
            } else if (migration.get().down().isEmpty()) {
                problems.add(Problem.of(migration.get().path(), "has no down file: write "
                        + migration.get().fileName().replaceFirst("\\.up\\.", ".down.") + " beside it (nothing was undone)"));
            } else {
                read(migration.get(), row, problems).ifPresent(downs::add);
            }
        }
        if (!problems.isEmpty()) {
            throw new BasculeException.ValidationFailed(problems);
        }
        return downs;
    }

    private static List<AppliedMigration> choose(List<AppliedMigration> applied, Range range, List<Problem> problems) {
        if (range.steps().isPresent()) {
            int steps = range.steps().get();
            if (steps < 1) {
                problems.add(Problem.of("--steps", "must be 1 or more, not " + steps));
                return List.of();
            }
            if (steps > applied.size()) {
                problems.add(Problem.of("--steps", steps + " is past the first migration: only " + applied.size()
                        + " migration(s) are applied; use --steps " + applied.size() + " to undo them all"));
                return List.of();
            }
            return applied.subList(0, steps);
        }
        if (range.to().isEmpty()) {
            return applied;
        }
        Version to = range.to().get();
        boolean known = applied.stream().anyMatch(r -> r.version().equals(to));
        if (!known) {
            problems.add(Problem.of("--to", "version " + to + " is not applied here: give an applied version (it stays"
                    + " applied; everything after it is undone), or 0 to undo every migration"));
            return List.of();
        }
        return applied.stream().filter(r -> r.version().compareTo(to) > 0).toList();
    }

    private Optional<PreparedDown> read(Migration migration, AppliedMigration row, List<Problem> problems) {
        String downName = migration.down().orElseThrow();
        for (Location location : migration.stage().locations()) {
            try (MigrationSource source = Sources.open(location, settings.sourceSettings(), settings.isSecure(location));
                 InputStream in = source.open(downName)) {
                String path = location.fileDisplay(downName);
                Script script = ScriptParser.parse(path, ScriptFiles.decodeUtf8(path, in.readAllBytes()),
                        location.isLocal() ? dev.bascule.sql.IncludeResolver.fileSystem(java.nio.file.Path.of("")) : null);
                return Optional.of(new PreparedDown(migration, row, script));
            } catch (java.nio.file.NoSuchFileException e) {
                // The down file lives in another of the stage's locations.
            } catch (IOException e) {
                problems.add(Problem.of(location.fileDisplay(downName), "cannot read: " + e.getMessage()));
                return Optional.empty();
            } catch (SourceSyntaxError e) {
                problems.add(new Problem(e.sourceName(), e.line(), "column " + e.column() + ": " + e.detail()));
                return Optional.empty();
            }
        }
        problems.add(Problem.of(migration.path(), "its down file " + downName + " was listed but cannot be found now"));
        return Optional.empty();
    }

    /** Runs one down on the session, with the removal of its history row. */
    void run(RunSession session, PreparedDown down) throws SQLException {
        Connection connection = session.connection();
        session.beforeMigration(down.migration().secret());
        String what = "down of " + down.migration().fileName();
        if (!down.transactional()) {
            for (Statement statement : down.script().statements()) {
                StatementExecutor.execute(connection, what, down.migration().secret(), statement);
            }
            settings.history().delete(connection, down.row().id());
            forgetProgress(connection, down);
            return;
        }
        connection.setAutoCommit(false);
        try {
            for (Statement statement : down.script().statements()) {
                StatementExecutor.execute(connection, what, down.migration().secret(), statement);
            }
            settings.history().delete(connection, down.row().id());
            forgetProgress(connection, down);
            connection.commit();
        } catch (BasculeException.MigrationFailed e) {
            ConnectionCleanup.rollbackQuietly(connection);
            throw new BasculeException.MigrationFailed(e.getMessage() + "\nThe down was rolled back: "
                    + down.migration().fileName() + " stays applied.", e.file(), e.line(), e.sqlState(), null);
        } catch (SQLException | RuntimeException e) {
            ConnectionCleanup.rollbackQuietly(connection);
            throw e;
        } finally {
            ConnectionCleanup.restoreAutoCommit(connection);
        }
    }

    /**
     * A data migration's steps recorded done go with its history row: applied again later, it must run every step,
     * not skip them as a resumed run would.
     */
    private void forgetProgress(Connection connection, PreparedDown down) throws SQLException {
        ProgressTable.beside(settings.history()).clear(connection, ProgressTable.identity(down.migration()));
    }
}
