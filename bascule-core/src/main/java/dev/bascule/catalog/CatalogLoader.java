package dev.bascule.catalog;

import dev.bascule.error.Problem;
import dev.bascule.sql.DirectiveKind;
import dev.bascule.sql.ScriptParser;
import dev.bascule.source.MigrationSource;
import dev.bascule.sql.ScriptFiles;
import dev.bascule.sql.ScriptSyntaxError;
import dev.bascule.source.SourceEntry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds a {@link Catalog} from ordered sources and an optional manifest. Collects every problem instead of
 * stopping at the first, so a user fixes all of them in one go.
 */
public final class CatalogLoader {

    private final Stage stage;
    private final List<MigrationSource> sources;
    private final Optional<Manifest> manifest;
    private final Path workingDirectory;

    /** A loader for the single versioned stage of an environment without stages. */
    public CatalogLoader(List<MigrationSource> sources, Optional<Manifest> manifest) {
        this(Stage.single(sources.stream().map(MigrationSource::location).toList(), java.util.Set.of(), Optional.empty()),
                sources, manifest);
    }

    /** A loader resolving {@code \i} includes of local files against the process's working directory. */
    public CatalogLoader(Stage stage, List<MigrationSource> sources, Optional<Manifest> manifest) {
        this(stage, sources, manifest, Path.of(""));
    }

    /** @param workingDirectory where {@code \i} of a local migration looks (psql's working directory) */
    public CatalogLoader(Stage stage, List<MigrationSource> sources, Optional<Manifest> manifest, Path workingDirectory) {
        this.stage = stage;
        this.sources = List.copyOf(sources);
        this.manifest = manifest;
        this.workingDirectory = workingDirectory;
    }

    private record Located(MigrationFileName file, MigrationSource source) {
    }

    public Catalog load() {
        List<Problem> problems = new ArrayList<>();
        Map<String, Located> firstSeen = new LinkedHashMap<>();
        Map<String, MigrationSource> downs = new HashMap<>();
        List<Catalog.FoundFile> shadowed = new ArrayList<>();
        for (MigrationSource source : sources) {
            List<SourceEntry> entries;
            try {
                entries = source.list();
                for (MigrationSource.SkippedEntry skipped : source.skippedEntries()) {
                    if (FileNameChecks.looksLikeMigration(skipped.name())) {
                        problems.add(Problem.of(source.location().fileDisplay(skipped.name()), skipped.reason()
                                + ", so it cannot be run: make it a regular file holding the migration, or move it"
                                + " out of the migration path"));
                    }
                }
            } catch (IOException e) {
                problems.add(Problem.of(source.location().toString(), "cannot list migration path: " + describe(e)));
                continue;
            }
            for (SourceEntry entry : entries) {
                MigrationFileName.Result parsed = MigrationFileName.parse(entry.name());
                if (parsed.value().isEmpty()) {
                    Optional<String> renamed = FileNameChecks.lowerCaseSuffix(entry.name());
                    if (renamed.isPresent()) {
                        problems.add(Problem.of(source.location().fileDisplay(entry.name()), "its suffix is not in"
                                + " lower case, so it would never run: rename it to " + renamed.get()));
                    } else if (manifest.isEmpty() && entry.name().endsWith(".up.sql")) {
                        problems.add(Problem.of(source.location().fileDisplay(entry.name()), "not a migration file name: " + parsed.error()));
                    }
                    continue;
                }
                MigrationFileName file = parsed.value().get();
                if (file.direction() == MigrationFileName.Direction.DOWN) {
                    downs.putIfAbsent(entry.name(), source);
                } else if (firstSeen.containsKey(entry.name())) {
                    shadowed.add(new Catalog.FoundFile(file, source.location()));
                } else {
                    firstSeen.put(entry.name(), new Located(file, source));
                }
            }
        }

        List<Located> selected = new ArrayList<>();
        Map<String, Integer> manifestLines = new HashMap<>();
        List<Catalog.FoundFile> unlisted = new ArrayList<>();
        if (manifest.isPresent()) {
            Manifest m = manifest.get();
            problems.addAll(m.problems());
            Set<Integer> bad = m.problems().stream().map(Problem::line).collect(Collectors.toSet());
            for (Manifest.Entry entry : m.entries()) {
                if (bad.contains(entry.line()) || manifestLines.containsKey(entry.fileName())) {
                    continue;
                }
                Located found = firstSeen.get(entry.fileName());
                if (found == null) {
                    problems.add(new Problem(m.location(), entry.line(), entry.fileName() + " is listed but is in none of the paths ("
                            + sources.stream().map(s -> s.location().toString()).collect(Collectors.joining(", "))
                            + "): add the file or remove the line"));
                    continue;
                }
                manifestLines.put(entry.fileName(), entry.line());
                selected.add(found);
            }
            firstSeen.forEach((name, located) -> {
                if (!manifestLines.containsKey(name)) {
                    unlisted.add(new Catalog.FoundFile(located.file(), located.source().location()));
                }
            });
        } else {
            selected.addAll(firstSeen.values());
        }

        Map<Version, Located> byVersion = new HashMap<>();
        // Repeatable files are tracked by name, so two of them may share a version (the timestamp of their names).
        for (Located located : stage.repeatable() ? List.<Located>of() : selected) {
            Located other = byVersion.putIfAbsent(located.file().version(), located);
            if (other != null) {
                String where = manifest.map(Manifest::location).orElse(located.source().location().toString());
                int line = manifestLines.getOrDefault(located.file().fileName(), 0);
                problems.add(new Problem(where, line, located.file().fileName() + " has version " + located.file().version()
                        + ", like " + other.file().fileName() + ": every migration needs its own version; rename one of them"));
            }
        }

        List<Migration> migrations = new ArrayList<>();
        // Each file is read on its own, so the reads share the cores (the common pool): read one by one, a thousand
        // files were half of a cold `status`. Results, problems and the first exception keep the selection's order.
        List<FileRead> reads = (selected.size() >= PARALLEL_FROM ? selected.parallelStream() : selected.stream())
                .map(located -> read(located, manifestLines.getOrDefault(located.file().fileName(), 0), downs)).toList();
        for (FileRead read : reads) {
            if (read.failure() != null) {
                throw read.failure();
            }
            read.problem().ifPresent(problems::add);
            read.migration().ifPresent(migrations::add);
        }
        List<Problem> warnings = new ArrayList<>();
        downs.forEach((downName, source) -> {
            String upName = downName.replaceFirst("\\.down\\.([^.]+)$", ".up.$1");
            if (!firstSeen.containsKey(upName)) {
                warnings.add(Problem.of(source.location().fileDisplay(downName), "is a down migration without its up"
                        + " file " + upName + " in any path: it is never used; rename it to match its up file or"
                        + " delete it"));
            }
        });
        warnings.sort(java.util.Comparator.comparing(Problem::file));
        // Versioned files run in version order; repeatable ones in manifest line order (file name without one).
        migrations.sort(!stage.repeatable() ? Comparator.comparing(Migration::version)
                : manifest.isPresent() ? Comparator.comparingInt(Migration::manifestLine) : Comparator.comparing(Migration::fileName));
        unlisted.sort(Comparator.comparing(f -> f.file().version()));
        return new Catalog(migrations, unlisted, shadowed, problems, manifest, warnings);
    }

    /** Below this many files the reads stay on the calling thread: a pool's start-up would cost more than it saves. */
    private static final int PARALLEL_FROM = 64;

    /** {@code x.up.sql} to {@code x.down.sql}; an up file's name always has the {@code .up.EXT} ending. */
    private static String downName(String upName) {
        int dot = upName.lastIndexOf('.');
        String stem = upName.substring(0, dot);
        return stem.endsWith(".up") ? stem.substring(0, stem.length() - ".up".length()) + ".down" + upName.substring(dot) : upName;
    }

    /** One file's outcome: its migration, or the problem that keeps it out, or an unexpected failure to rethrow. */
    private record FileRead(Optional<Migration> migration, Optional<Problem> problem, RuntimeException failure) {
        static FileRead of(Migration migration) {
            return new FileRead(Optional.of(migration), Optional.empty(), null);
        }

        static FileRead of(Problem problem) {
            return new FileRead(Optional.empty(), Optional.of(problem), null);
        }
    }

    private FileRead read(Located located, int manifestLine, Map<String, MigrationSource> downs) {
        try {
            return readMigration(located, manifestLine, downs);
        } catch (RuntimeException e) {
            return new FileRead(Optional.empty(), Optional.empty(), e);
        }
    }

    private FileRead readMigration(Located located, int manifestLine, Map<String, MigrationSource> downs) {
        MigrationSource source = located.source();
        String fileName = located.file().fileName();
        String where = source.location().fileDisplay(fileName);
        byte[] bytes;
        try {
            bytes = source.readAllBytes(fileName);
        } catch (IOException e) {
            return FileRead.of(Problem.of(where, "cannot read: " + describe(e) + ": check the file's permissions"));
        }
        String text;
        try {
            text = ScriptFiles.decodeUtf8(where, bytes);
        } catch (ScriptSyntaxError e) {
            return FileRead.of(new Problem(where, e.line(), e.detail()));
        }
        Optional<NulBytes.Position> nul = NulBytes.first(text);
        if (nul.isPresent()) {
            return FileRead.of(new Problem(where, nul.get().line(), "column " + nul.get().column() + ": " + NulBytes.MESSAGE));
        }
        Includes includes = Includes.NONE;
        if (located.file().format().isSql() && Includes.mayInclude(text)) {
            includes = Includes.resolve(where, text, source, workingDirectory);
        }
        String downName = downName(fileName);
        Optional<String> down = downs.containsKey(downName) ? Optional.of(downName) : Optional.empty();
        MigrationKind kind = stage.repeatable() ? MigrationKind.REPEATABLE
                : source.secret() ? MigrationKind.SECURE
                : stage.data() || isData(located.file(), where, text) ? MigrationKind.DATA : MigrationKind.SCHEMA;
        return FileRead.of(new Migration(located.file(), kind, source.location(), source.secret(), text,
                includes.checksum(bytes), manifestLine, down, stage, includes));
    }

    /** A plain SQL file whose header says {@code -- bascule:data}. */
    private static boolean isData(MigrationFileName file, String where, String text) {
        return file.format().isSql() && ScriptParser.headerDirectives(where, text).find(DirectiveKind.DATA).isPresent();
    }

    static String describe(IOException e) {
        String message = e.getMessage();
        String type = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return message == null ? type : type + ": " + message;
    }
}
