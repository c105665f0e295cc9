package dev.bascule.catalog;

import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;
import dev.bascule.source.Location;
import dev.bascule.source.MigrationSource;
import dev.bascule.source.SourceSettings;
import dev.bascule.source.Sources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Reads every stage's manifest and locations and combines them in stage order. */
public final class CatalogReader {

    private CatalogReader() {
    }

    /**
     * Problems are in {@link Catalog#problems()}, not thrown; a missing or unreadable manifest is thrown.
     *
     * @param isSecure the environment's one rule for "files of this location are secure migrations"
     */
    public static Catalog read(List<Stage> stages, SourceSettings settings, Predicate<Location> isSecure) {
        return read(stages, settings, isSecure, Path.of(""));
    }

    /**
     * As {@link #read(List, SourceSettings, Predicate)}, with {@code \i} includes of local migrations resolved
     * against {@code workingDirectory} (psql's rule; {@code \ir} is relative to the including file).
     */
    public static Catalog read(List<Stage> stages, SourceSettings settings, Predicate<Location> isSecure,
                               Path workingDirectory) {
        List<Catalog> catalogs = new ArrayList<>();
        for (Stage stage : stages) {
            catalogs.add(read(stage, settings, isSecure, workingDirectory));
        }
        return Catalog.combine(catalogs);
    }

    private static Catalog read(Stage stage, SourceSettings settings, Predicate<Location> isSecure, Path workingDirectory) {
        List<MigrationSource> sources = new ArrayList<>();
        List<Problem> openProblems = new ArrayList<>();
        for (Location location : stage.locations()) {
            try {
                sources.add(Sources.open(location, settings, isSecure.test(location)));
            } catch (IOException e) {
                openProblems.add(Problem.of(location.toString(), e.getMessage()));
            }
        }
        try {
            Catalog catalog = new CatalogLoader(stage, sources, readManifest(stage.manifest()), workingDirectory).load();
            if (openProblems.isEmpty()) {
                return catalog;
            }
            openProblems.addAll(catalog.problems());
            return new Catalog(catalog.migrations(), catalog.unlisted(), catalog.shadowed(), openProblems, catalog.manifest(),
                    catalog.warnings());
        } finally {
            for (MigrationSource source : sources) {
                try {
                    source.close();
                } catch (IOException ignored) {
                    // Closing a listing client cannot lose data; the catalog already holds the text.
                }
            }
        }
    }

    private static Optional<Manifest> readManifest(Optional<String> manifest) {
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        String name = manifest.get();
        try {
            return Optional.of(Manifest.parse(name, read(name)));
        } catch (NoSuchFileException e) {
            throw new BasculeException.Configuration(name + ": manifest file not found: create it"
                    + " (bascule update-manifest writes one from the files) or fix the manifest setting");
        } catch (MalformedInputException e) {
            throw new BasculeException.Configuration(name + ": manifest is not valid UTF-8");
        } catch (dev.bascule.sql.ScriptSyntaxError e) {
            throw new BasculeException.Configuration(name + ":" + e.line() + ": manifest: " + e.detail());
        } catch (IOException e) {
            throw new BasculeException.Configuration(name + ": cannot read manifest: " + e.getMessage());
        }
    }

    /** A manifest file, or a {@code classpath:} resource packaged with the application. */
    private static String read(String name) throws IOException {
        if (!name.startsWith(Location.CLASSPATH + ":")) {
            // Strict UTF-8 with the line of a bad byte in the error (ScriptSyntaxError).
            return dev.bascule.sql.ScriptFiles.decodeUtf8(name, Files.readAllBytes(Path.of(name)));
        }
        String resource = name.substring(Location.CLASSPATH.length() + 1).replaceFirst("^/+", "");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : CatalogReader.class.getClassLoader()).getResourceAsStream(resource)) {
            if (in == null) {
                throw new NoSuchFileException(name);
            }
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(in.readAllBytes())).toString();
        }
    }
}
