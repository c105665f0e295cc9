package dev.bascule.plan;

import dev.bascule.catalog.Migration;
import dev.bascule.catalog.Version;
import dev.bascule.history.AppliedMigration;

import java.time.OffsetDateTime;
import java.util.Optional;

/** One line of {@code bascule status}: a migration, its state, and what history says about it. */
public record PlanEntry(Version version, String name, String kind, MigrationState state, String location,
                        Optional<Migration> migration, Optional<AppliedMigration> applied) {

    public Optional<OffsetDateTime> appliedAt() {
        return applied.map(AppliedMigration::appliedAt);
    }

    public Optional<Long> executionMs() {
        return applied.map(AppliedMigration::executionMs);
    }
}
