package dev.bascule.inspect;

import dev.bascule.db.ThrowawayDatabase;
import dev.bascule.Settings;
import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.Migration;
import dev.bascule.catalog.Version;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.generate.GeneratedFiles;
import dev.bascule.plan.MigrationState;
import dev.bascule.plan.Plan;
import dev.bascule.plan.PlanEntry;
import dev.bascule.run.MigrationListener;
import dev.bascule.run.Migrator;
import dev.bascule.schema.SchemaDiff;
import dev.bascule.schema.SchemaSnapshot;
import dev.bascule.schema.SnapshotOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code drift}: compares the live database with the environment's schema file, or ({@code replay}) with the
 * schema its applied migrations give when replayed on a shadow database.
 */
public final class DriftCheck {

    private final Settings settings;
    private final Database database;
    private final MigrationListener listener;

    public DriftCheck(Settings settings, Database database, MigrationListener listener) {
        this.settings = settings;
        this.database = database;
        this.listener = listener;
    }

    /** Against the schema file. */
    public DriftReport againstSchemaFile() {
        Path file = settings.schemaFile().orElseThrow(() -> new BasculeException.Configuration("drift: environment '"
                + settings.environment() + "' has no schema file to compare with: set 'schema-file: db/schema.sql' for"
                + " it in bascule.yml (Bascule writes it after every migrate and down), or compare with a replay of the"
                + " migrations on a throwaway database: bascule drift --replay"));
        String shown = GeneratedFiles.display(file, settings.baseDir());
        if (!Files.isRegularFile(file)) {
            throw new BasculeException.Configuration("drift: the schema file " + shown + " does not exist yet: run"
                    + " 'bascule migrate' (it writes the file after every successful run), or compare with a replay:"
                    + " bascule drift --replay");
        }
        SchemaSnapshot expected = SchemaSnapshot.load(file);
        SchemaSnapshot live = live(ShadowRun.options(settings).withDetails(expected.details()));
        return new DriftReport("the schema file " + shown, SchemaDiff.between(expected, live), List.of());
    }

    /** Against a replay, on a shadow database, of every migration the database has applied. */
    public DriftReport againstReplay(Catalog catalog) {
        if (!catalog.problems().isEmpty()) {
            throw new BasculeException.ValidationFailed(catalog.problems());
        }
        Plan plan = new Migrator(database, settings, listener).status(catalog);
        Optional<Version> newest = plan.entries().stream()
                .filter(e -> e.state() == MigrationState.APPLIED || e.state() == MigrationState.CHANGED)
                .filter(e -> e.migration().map(m -> !m.repeatable()).orElse(false))
                .map(PlanEntry::version).max(Comparator.naturalOrder());
        List<String> notes = new ArrayList<>();
        long applied = plan.entries().stream().filter(e -> e.state() == MigrationState.APPLIED
                || e.state() == MigrationState.CHANGED).count();
        List<Migration> pending = plan.toApply();
        List<Migration> replayedAnyway = newest.map(v -> pending.stream().filter(m -> m.version().compareTo(v) < 0).toList())
                .orElse(List.of());
        if (pending.size() > replayedAnyway.size()) {
            notes.add((pending.size() - replayedAnyway.size()) + " pending migration(s) are not applied here and not part"
                    + " of the replay");
        }
        if (!replayedAnyway.isEmpty()) {
            notes.add("the replay includes " + replayedAnyway.size() + " pending migration(s) older than the newest"
                    + " applied one (" + String.join(", ", replayedAnyway.stream().map(Migration::fileName).toList())
                    + "): migrate applies them here next");
        }
        SchemaSnapshot replayed;
        try (ThrowawayDatabase shadow = ThrowawayDatabase.empty(database, "drift --replay", listener::warning)) {
            listener.info("drift: replaying " + applied + " applied migration(s) on the throwaway database "
                    + shadow.describe());
            ShadowRun run = new ShadowRun(settings, shadow);
            if (newest.isPresent()) {
                try {
                    run.upTo(newest.get());
                } catch (BasculeException.MigrationFailed | BasculeException.ValidationFailed e) {
                    throw new BasculeException.MigrationFailed("drift --replay: replaying the applied migrations on the"
                            + " throwaway database failed: " + e.getMessage(), null, 0, null, e);
                }
            }
            replayed = run.snapshot();
        } catch (SQLException e) {
            throw new BasculeException.Configuration("drift --replay: reading the schema of the throwaway database"
                    + " failed: " + e.getMessage(), e);
        }
        SchemaSnapshot live = live(ShadowRun.options(settings));
        return new DriftReport("a replay of its " + applied + " applied migration(s)", SchemaDiff.between(replayed, live), notes);
    }

    private SchemaSnapshot live(SnapshotOptions options) {
        try (Connection connection = database.connect()) {
            return SchemaSnapshot.read(connection, options);
        } catch (SQLException e) {
            throw new BasculeException.Configuration("drift: reading the schema of " + database.describe() + " failed: "
                    + e.getMessage(), e);
        }
    }
}
