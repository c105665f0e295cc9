package dev.bascule.catalog;

import java.util.List;
import java.util.Optional;

/**
 * Everything the paths and manifest hold: the migrations to run (sorted by version), files present but not
 * listed, files hidden by an earlier path, and every problem found, so they can all be reported at once.
 */
public record Catalog(List<Migration> migrations, List<FoundFile> unlisted, List<FoundFile> shadowed,
                      List<Problem> problems, Optional<Manifest> manifest) {

    /** A migration file seen in a location but not selected. */
    public record FoundFile(MigrationFileName file, String location) {
    }

    public Catalog {
        migrations = List.copyOf(migrations);
        unlisted = List.copyOf(unlisted);
        shadowed = List.copyOf(shadowed);
        problems = List.copyOf(problems);
    }

    public Optional<Migration> find(Version version) {
        return migrations.stream().filter(m -> m.version().equals(version)).findFirst();
    }
}
