package dev.bascule.generate;

import dev.bascule.Settings;
import dev.bascule.error.BasculeException;
import dev.bascule.expand.ColumnChange;
import dev.bascule.expand.ExpandContract;
import dev.bascule.expand.ExpandContractPlan;
import dev.bascule.expand.ExpandContractRequest;
import dev.bascule.expand.FileLayout;
import dev.bascule.expand.GeneratedFile;
import dev.bascule.source.Location;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code gen expand-contract}, {@code gen function} and {@code gen trigger}: three-phase changes and fx-style
 * versioned definitions ({@code db/functions/NAME_v01.sql}), each with fresh versions and manifest lines.
 */
public final class ChangeGenerator {

    /** Where definitions live, relative to the base folder (the fx gem's layout). */
    public record Folders(Path functions, Path triggers) {
        public static Folders standard() {
            return new Folders(Path.of("db/functions"), Path.of("db/triggers"));
        }
    }

    private static final Pattern DEFINITION = Pattern.compile("(.+)_v(\\d{2,})\\.sql");

    private final Settings settings;
    private final Clock clock;

    public ChangeGenerator(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Writes the phase-tagged files of a rename or type change, reading the column's facts from the live database
     * (so an unknown table or column, or a type with no cast, is refused before anything is written).
     */
    public GeneratedFiles expandContract(Connection connection, ColumnChange change, Optional<String> name, int batchSize,
                                         Set<String> notCarried, Folders folders) {
        Path base = settings.baseDir();
        Path migrations = migrationsFolder();
        BigInteger first = new BigInteger(MigrationNames.VERSION.format(freeVersion(List.of(migrations))));
        FileLayout layout = new FileLayout(base.relativize(migrations), base.relativize(migrations), folders.functions(),
                folders.triggers());
        ExpandContractRequest request = ExpandContractRequest.of(change, first).withLayout(layout)
                .withBatchSize(batchSize).withNotCarried(notCarried);
        if (name.isPresent()) {
            request = request.withName(name.get());
        }
        ExpandContractPlan plan = ExpandContract.plan(request, connection, Duration.ofSeconds(30));
        try {
            return writePlan(plan, base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private GeneratedFiles writePlan(ExpandContractPlan plan, Path base) throws IOException {
        List<GeneratedFiles.Written> written = new ArrayList<>();
        List<String> migrationNames = new ArrayList<>();
        for (GeneratedFile file : plan.files()) {
            Path path = base.resolve(file.path());
            write(path, file.content());
            written.add(new GeneratedFiles.Written(path, "phase " + file.phase() + ", " + file.kind().name().toLowerCase(Locale.ROOT)
                    + (file.noTransaction() ? ", no-transaction" : "")));
            if (file.kind().isMigration()) {
                migrationNames.add(file.fileName());
            }
        }
        Optional<Path> manifest = addToManifest(migrationNames);
        return new GeneratedFiles(written, manifest, List.of(), Optional.of("ship phase 1 with the release that writes"
                + " both columns' old form, phase 2 with the one that switches reads and writes to the new column, phase 3"
                + " once no instance of the old code runs; 'bascule migrate' refuses two phases in one run"), plan.notes());
    }

    /**
     * The next version of a function or trigger definition ({@code NAME_vNN.sql}, copying the previous one, or a
     * template) and a migration that installs it with {@code \ir}.
     */
    public GeneratedFiles definition(String kind, String name, Folders folders) {
        String problem = MigrationNames.snakeCaseProblem(name);
        if (problem != null) {
            throw new BasculeException.Configuration("gen " + kind + ": " + problem);
        }
        Path folder = settings.baseDir().resolve(kind.equals("trigger") ? folders.triggers() : folders.functions());
        try {
            Files.createDirectories(folder);
            Optional<Path> previous = latest(folder, name);
            int next = previous.map(p -> version(p) + 1).orElse(1);
            String definitionName = String.format("%s_v%02d.sql", name, next);
            Path definition = folder.resolve(definitionName);
            write(definition, previous.isPresent() ? Files.readString(previous.get()) : template(kind, name, next));
            Path migrations = migrationsFolder();
            String version = MigrationNames.VERSION.format(freeVersion(List.of(migrations)));
            String migrationName = version + "_install_" + name + "_v" + String.format("%02d", next) + ".up.sql";
            String include = migrations.relativize(definition).toString().replace('\\', '/');
            write(migrations.resolve(migrationName), "-- install " + kind + " " + name + " version " + next
                    + " (edit " + settings.baseDir().relativize(definition) + ", never an applied version: write the next one"
                    + " with 'bascule gen " + kind + " " + name + "')\n\\ir " + include + "\n");
            return new GeneratedFiles(List.of(new GeneratedFiles.Written(definition, kind + " definition"
                            + previous.map(p -> ", copied from " + p.getFileName()).orElse("")),
                    new GeneratedFiles.Written(migrations.resolve(migrationName), "installs it")),
                    addToManifest(List.of(migrationName)), List.of(), Optional.of("edit " + definitionName
                    + "; its migration's checksum covers the file, so editing it after it is applied is caught"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> latest(Path folder, String name) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> {
                Matcher m = DEFINITION.matcher(p.getFileName().toString());
                return m.matches() && m.group(1).equals(name);
            }).max((a, b) -> Integer.compare(version(a), version(b)));
        }
    }

    private static int version(Path definition) {
        Matcher m = DEFINITION.matcher(definition.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(2)) : 0;
    }

    private static String template(String kind, String name, int version) {
        return kind.equals("trigger")
                ? "-- trigger " + name + ", version " + version + ": installed by a migration with \\ir\n"
                + "DROP TRIGGER IF EXISTS " + name + " ON table_name;\n"
                + "CREATE TRIGGER " + name + " BEFORE INSERT OR UPDATE ON table_name\n"
                + "    FOR EACH ROW EXECUTE FUNCTION function_name();\n"
                : "-- function " + name + ", version " + version + ": installed by a migration with \\ir\n"
                + "CREATE OR REPLACE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $fn$\n"
                + "BEGIN\n    RETURN NEW;\nEND;\n$fn$;\n";
    }

    private Path migrationsFolder() {
        return settings.locations().stream().map(Location::localPath).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new BasculeException.Configuration("no local migration path configured for the new"
                        + " migrations: pass --path"));
    }

    private java.time.ZonedDateTime freeVersion(List<Path> folders) {
        try {
            return MigrationNames.freeVersion(clock, folders);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path path, String text) throws IOException {
        Files.createDirectories(path.getParent());
        try {
            Files.writeString(path, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new BasculeException.Configuration(path + " already exists: nothing overwritten; remove it or choose"
                    + " another name");
        }
    }

    private Optional<Path> addToManifest(List<String> fileNames) throws IOException {
        Optional<Path> manifest = settings.manifestForNewMigrations().filter(m -> !m.startsWith(Location.CLASSPATH + ":"))
                .map(Path::of);
        if (manifest.isPresent()) {
            for (String fileName : fileNames) {
                MigrationNames.appendToManifest(manifest.get(), fileName);
            }
        }
        return manifest;
    }
}
