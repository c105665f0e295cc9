package dev.bascule.catalog;

import dev.bascule.source.Location;

import dev.bascule.error.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * Everything the paths and manifest hold: the migrations to run (sorted by version), files present but not
 * listed, files hidden by an earlier path, every problem found, so they can all be reported at once, and warnings
 * (files that change nothing that runs but look like a mistake: a down file without its up file).
 */
public record Catalog(List<Migration> migrations, List<FoundFile> unlisted, List<FoundFile> shadowed,
                      List<Problem> problems, Optional<Manifest> manifest, List<Problem> warnings) {

    /** A migration file seen in a location but not selected. */
    public record FoundFile(MigrationFileName file, Location location) {
    }

    public Catalog {
        migrations = List.copyOf(migrations);
        unlisted = List.copyOf(unlisted);
        shadowed = List.copyOf(shadowed);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** A catalog without warnings. */
    public Catalog(List<Migration> migrations, List<FoundFile> unlisted, List<FoundFile> shadowed,
                   List<Problem> problems, Optional<Manifest> manifest) {
        this(migrations, unlisted, shadowed, problems, manifest, List.of());
    }

    /** The versioned migration with this version (repeatable files are never found by version). */
    public Optional<Migration> find(Version version) {
        return migrations.stream().filter(m -> !m.repeatable() && m.version().equals(version)).findFirst();
    }

    /**
     * The catalog of an environment's stages, in stage order: migrations stage after stage (each stage already in
     * its run order); a file is unlisted only when no stage lists it (MilMove's DML files sit in the legacy
     * stage's folders); a version used by two versioned stages is a problem, since history tracks versions.
     */
    public static Catalog combine(List<Catalog> stages) {
        if (stages.size() == 1) {
            return stages.get(0);
        }
        List<Migration> migrations = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        Map<Version, Migration> versioned = new HashMap<>();
        for (Catalog stage : stages) {
            problems.addAll(stage.problems());
            warnings.addAll(stage.warnings());
            for (Migration m : stage.migrations()) {
                migrations.add(m);
                Migration other = m.repeatable() ? null : versioned.putIfAbsent(m.version(), m);
                if (other != null) {
                    problems.add(new Problem(m.stage().manifest().orElse(m.path()), m.manifestLine(), m.fileName()
                            + " (stage " + m.stage().name() + ") has version " + m.version() + ", like " + other.fileName()
                            + " (stage " + other.stage().name() + "): versioned stages share one history, so every"
                            + " migration needs its own version; list it in one stage only or rename one of them"));
                }
            }
        }
        Set<String> listed = new HashSet<>();
        migrations.forEach(m -> listed.add(m.fileName()));
        Map<String, FoundFile> unlisted = new LinkedHashMap<>();
        Map<String, FoundFile> shadowed = new LinkedHashMap<>();
        for (Catalog stage : stages) {
            stage.unlisted().stream().filter(f -> !listed.contains(f.file().fileName()))
                    .forEach(f -> unlisted.putIfAbsent(f.file().fileName(), f));
            stage.shadowed().forEach(f -> shadowed.putIfAbsent(f.location().fileDisplay(f.file().fileName()), f));
        }
        List<FoundFile> unlistedSorted = new ArrayList<>(unlisted.values());
        unlistedSorted.sort(java.util.Comparator.comparing(f -> f.file().version()));
        Optional<Manifest> first = stages.stream().map(Catalog::manifest).flatMap(Optional::stream).findFirst();
        return new Catalog(migrations, unlistedSorted, List.copyOf(shadowed.values()), problems, first, warnings);
    }
}
