package dev.bascule.catalog;

import dev.bascule.error.Problem;
import dev.bascule.error.SourceSyntaxError;
import dev.bascule.source.Location;
import dev.bascule.source.MigrationSource;
import dev.bascule.source.SourceEntry;
import dev.bascule.source.SourceSettings;
import dev.bascule.source.Sources;
import dev.bascule.sql.IncludeResolver;
import dev.bascule.sql.Script;
import dev.bascule.sql.ScriptFiles;
import dev.bascule.sql.ScriptParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code .down.sql} files of a stage's locations, beyond what the catalog attaches to each migration: down files
 * that have no up migration beside them (a renamed up, a typo), which {@code down} and {@code check-reversible}
 * refuse, and the parsed text of one migration's down file.
 */
public final class DownFiles {

    private DownFiles() {
    }

    /**
     * A problem for every down file whose up file is in none of its stage's locations (listed in the manifest or
     * not: an unlisted up still owns its down).
     */
    public static List<Problem> withoutUp(List<Stage> stages, SourceSettings settings, Predicate<Location> isSecure) {
        List<Problem> problems = new ArrayList<>();
        for (Stage stage : stages) {
            Set<String> ups = new HashSet<>();
            List<String[]> downs = new ArrayList<>();
            for (Location location : stage.locations()) {
                try (MigrationSource source = Sources.open(location, settings, isSecure.test(location))) {
                    for (SourceEntry entry : source.list()) {
                        MigrationFileName.parse(entry.name()).value().ifPresent(file -> {
                            if (file.direction() == MigrationFileName.Direction.DOWN) {
                                downs.add(new String[]{entry.name(), location.fileDisplay(entry.name())});
                            } else {
                                ups.add(entry.name());
                            }
                        });
                    }
                } catch (IOException e) {
                    // The catalog reports unreadable locations; nothing more to say here.
                }
            }
            for (String[] down : downs) {
                String up = upName(down[0]);
                if (!ups.contains(up)) {
                    problems.add(Problem.of(down[1], "is a down file without its up: there is no " + up + " in "
                            + (stage.locations().size() == 1 ? "its folder" : "the stage's paths") + "; rename it to"
                            + " match the up migration it undoes, or delete it"));
                }
            }
        }
        return problems;
    }

    /** {@code 3_x.down.sql} → {@code 3_x.up.sql}. */
    static String upName(String downName) {
        return downName.replaceFirst("\\.down\\.([^.]+)$", ".up.$1");
    }

    /**
     * The parsed SQL of a migration's down file (a {@code .fizz} down translated), from the first of its stage's
     * locations that holds it; empty when it has none.
     *
     * @throws IOException         when it cannot be read
     * @throws SourceSyntaxError   when it cannot be split
     */
    public static Optional<Script> read(Migration migration, SourceSettings settings, Predicate<Location> isSecure)
            throws IOException {
        if (migration.down().isEmpty()) {
            return Optional.empty();
        }
        String name = migration.down().get();
        for (Location location : migration.stage().locations()) {
            try (MigrationSource source = Sources.open(location, settings, isSecure.test(location));
                 InputStream in = source.open(name)) {
                String path = location.fileDisplay(name);
                String text = ScriptFiles.decodeUtf8(path, in.readAllBytes());
                Optional<MigrationFileName> file = MigrationFileName.parse(name).value();
                if (file.isPresent()) {
                    text = ScriptFormat.sqlOf(file.get(), path, text);
                }
                return Optional.of(ScriptParser.parse(path, text, location.isLocal()
                        ? IncludeResolver.fileSystem(Path.of("")) : null));
            } catch (NoSuchFileException e) {
                // In another of the stage's locations.
            }
        }
        return Optional.empty();
    }
}
