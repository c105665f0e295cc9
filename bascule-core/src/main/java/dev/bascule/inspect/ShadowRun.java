package dev.bascule.inspect;

import dev.bascule.db.ThrowawayDatabase;
import dev.bascule.Bascule;
import dev.bascule.Settings;
import dev.bascule.catalog.Migration;
import dev.bascule.catalog.Version;
import dev.bascule.history.AppliedMigration;
import dev.bascule.run.Hooks;
import dev.bascule.run.MigrateResult;
import dev.bascule.run.MigrationListener;
import dev.bascule.schema.SchemaSnapshot;
import dev.bascule.schema.SnapshotOptions;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Migrations run on a shadow database through the facade itself, with the environment's settings pointed at the
 * shadow: what is checked is exactly what {@code migrate} and {@code down} run. Hooks, adoption and the schema file
 * are left out (they belong to the real database), phases may be applied together, and the shadow's progress is
 * not reported line by line.
 */
final class ShadowRun {

    private final Settings settings;
    private final ThrowawayDatabase shadow;

    ShadowRun(Settings environment, ThrowawayDatabase shadow) {
        this.shadow = shadow;
        this.settings = environment.toBuilder().database(shadow.database()).embedded(null).hooks(Hooks.NONE)
                .adopt(null).schemaFile(null).target(null).allowPhaseSkip(true).allowDown(true).dev(true)
                .lockRetries(0).build();
    }

    ThrowawayDatabase shadow() {
        return shadow;
    }

    /** Applies every migration up to {@code version} the shadow has not applied yet. */
    MigrateResult upTo(Version version) {
        try (Bascule bascule = Bascule.load(settings.toBuilder().target(version).build(), MigrationListener.NONE)) {
            return bascule.migrate();
        }
    }

    /** Undoes the newest applied migration with its down file. */
    List<Migration> downOne() {
        try (Bascule bascule = Bascule.load(settings, MigrationListener.NONE)) {
            return bascule.down(Optional.empty(), Optional.of(1), true);
        }
    }

    /** The shadow's schema, without Bascule's own tables. */
    SchemaSnapshot snapshot() throws SQLException {
        try (Connection connection = shadow.database().connect()) {
            return SchemaSnapshot.read(connection, options(settings));
        }
    }

    /** Whether the shadow's history records {@code migration} as applied successfully. */
    boolean applied(Migration migration) throws SQLException {
        try (Connection connection = shadow.database().connect()) {
            if (!settings.history().exists(connection)) {
                return false;
            }
            return settings.history().readAll(connection).stream().filter(AppliedMigration::success)
                    .anyMatch(row -> migration.version().equals(row.version()));
        }
    }

    /** Snapshot options leaving out the environment's history table (and its progress table). */
    static SnapshotOptions options(Settings settings) {
        return SnapshotOptions.defaults().withHistoryTable(settings.history().schema(), settings.history().table());
    }
}
