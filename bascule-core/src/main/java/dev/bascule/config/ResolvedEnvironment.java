package dev.bascule.config;

import dev.bascule.catalog.Stage;
import dev.bascule.db.Database;
import dev.bascule.history.HistoryTable;
import dev.bascule.source.SourceSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a command needs to know about the environment it acts on, with flags, {@code bascule.yml},
 * environment variables and defaults already combined.
 *
 * @param database empty when nothing names a database: the embedded PostgreSQL default is used
 * @param paths    every stage's paths (one stage without {@code stages}), for commands that look at files
 * @param manifest where new migrations are listed: with stages, the last versioned stage's manifest
 * @param baseDir  the folder relative paths were resolved against
 * @param stages   the migration sets to run, in order: one versioned stage when {@code bascule.yml} has none
 * @param adoptPop migrate imports Pop's {@code schema_migration} on its first run
 */
public record ResolvedEnvironment(String name, Optional<Database> database, List<String> paths, Optional<String> manifest,
                                  Set<String> secureLocations, List<String> schemas, boolean dev, boolean resettable,
                                  HistoryTable history, Duration lockWait, Duration lockTimeout, Duration statementTimeout,
                                  SourceSettings sourceSettings, Path baseDir, List<Stage> stages, boolean adoptPop) {

    public ResolvedEnvironment {
        stages = List.copyOf(stages);
    }

    public ResolvedEnvironment withDatabase(Database db) {
        return new ResolvedEnvironment(name, Optional.of(db), paths, manifest, secureLocations, schemas, dev, resettable,
                history, lockWait, lockTimeout, statementTimeout, sourceSettings, baseDir, stages, adoptPop);
    }
}
