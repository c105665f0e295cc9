package dev.bascule.plan;

import dev.bascule.source.Location;

import dev.bascule.catalog.Migration;
import dev.bascule.catalog.Version;
import dev.bascule.history.AppliedMigration;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * One line of {@code bascule status}: a migration, its state, and what history says about it.
 *
 * @param version the version in the file name (a repeatable file's too, though it is tracked by name)
 * @param stage    the stage the file belongs to (or, for a missing file, the stage recorded in history; may be empty)
 * @param progress for a data migration {@link MigrationState#IN_PROGRESS}: how far it got
 */
public record PlanEntry(Version version, String name, String kind, MigrationState state, Optional<Location> location,
                        Optional<Migration> migration, Optional<AppliedMigration> applied, String stage,
                        Optional<DataProgress> progress) {

    /** An entry without progress (every state but {@link MigrationState#IN_PROGRESS}). */
    public PlanEntry(Version version, String name, String kind, MigrationState state, Optional<Location> location,
                     Optional<Migration> migration, Optional<AppliedMigration> applied, String stage) {
        this(version, name, kind, state, location, migration, applied, stage, Optional.empty());
    }

    public Optional<OffsetDateTime> appliedAt() {
        return applied.map(AppliedMigration::appliedAt);
    }

    public Optional<Long> executionMs() {
        return applied.map(AppliedMigration::executionMs);
    }
}
