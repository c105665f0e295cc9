package dev.bascule.config;

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
 * @param baseDir  the folder relative paths were resolved against
 */
public record ResolvedEnvironment(String name, Optional<Database> database, List<String> paths, Optional<String> manifest,
                                  Set<String> secureLocations, List<String> schemas, boolean dev, boolean resettable,
                                  HistoryTable history, Duration lockWait, Duration lockTimeout, Duration statementTimeout,
                                  SourceSettings sourceSettings, Path baseDir) {

    public ResolvedEnvironment withDatabase(Database db) {
        return new ResolvedEnvironment(name, Optional.of(db), paths, manifest, secureLocations, schemas, dev, resettable,
                history, lockWait, lockTimeout, statementTimeout, sourceSettings, baseDir);
    }
}
