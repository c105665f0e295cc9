package dev.bascule.generate;

import dev.bascule.Settings;
import dev.bascule.error.BasculeException;
import dev.bascule.source.Location;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code gen migration} and {@code gen secure-migration}: new files with a free version, in the right folder,
 * listed in the manifest new migrations go to.
 */
public final class MigrationGenerator {

    /** Where production secure migrations are written (never in git). */
    public static final String TMP = "tmp";

    private final Settings settings;
    private final Clock clock;

    public MigrationGenerator(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Creates {@code <UTC timestamp>_NAME.up.sql} in {@code dir} (relative to the base folder) or the first local
     * migration path, and appends it to the manifest.
     */
    public GeneratedFiles migration(String name, Optional<String> dir) {
        requireSnakeCase("gen migration", name);
        Path folder = dir.map(d -> settings.baseDir().resolve(d)).orElseGet(() -> firstLocalFolder(settings.locations())
                .orElseThrow(() -> new BasculeException.Configuration(
                        "gen migration: no local migration path configured: pass --dir or --path")));
        try {
            Files.createDirectories(folder);
            ZonedDateTime now = MigrationNames.freeVersion(clock, List.of(folder));
            String fileName = MigrationNames.VERSION.format(now) + "_" + name + ".up.sql";
            Path file = folder.resolve(fileName);
            Files.writeString(file, template(name, now), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            return new GeneratedFiles(List.of(new GeneratedFiles.Written(file, "")), addToManifest(fileName),
                    List.of(), Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The scrubbed copy in the environment's secure folder (in git), the production file in {@code tmp/}
     * (owner-only, never in git) and the manifest line.
     */
    public GeneratedFiles secureMigration(String name, Optional<String> dir) {
        requireSnakeCase("gen secure-migration", name);
        Path base = settings.baseDir();
        Path secureFolder = dir.map(base::resolve).orElseGet(() -> firstLocalFolder(List.copyOf(settings.secureLocations()))
                .orElseThrow(() -> new BasculeException.Configuration("gen secure-migration: environment '"
                        + settings.environment() + "' has no local 'secure' folder for the scrubbed copy: add one to"
                        + " 'secure:' (and 'paths:') in bascule.yml, or pass --dir")));
        Path tmp = base.resolve(TMP);
        try {
            // The version is chosen first, so the git check looks at the very file that will be written.
            List<Path> folders = new ArrayList<>(List.of(secureFolder, tmp));
            settings.locations().stream().map(Location::localPath).flatMap(Optional::stream).forEach(folders::add);
            ZonedDateTime now = MigrationNames.freeVersion(clock, folders);
            String fileName = MigrationNames.VERSION.format(now) + "_" + name + ".up.sql";
            Path production = tmp.resolve(fileName);
            GitGuard.refuseUnlessIgnored(base, tmp, production, "gen secure-migration");

            Files.createDirectories(secureFolder);
            Path scrubbed = secureFolder.resolve(fileName);
            Files.writeString(scrubbed, scrubbedTemplate(name, now), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            Files.createDirectories(tmp);
            writeOwnerOnly(production, productionTemplate(name, fileName, now));
            List<String> warnings = new ArrayList<>();
            if (!settings.locations().contains(Location.local(secureFolder))) {
                warnings.add(GeneratedFiles.display(secureFolder, base) + " is not in environment "
                        + settings.environment() + "'s paths, so its migrate will not find the scrubbed copy: add it to 'paths:'");
            }
            String shown = GeneratedFiles.display(production, base);
            return new GeneratedFiles(List.of(
                    new GeneratedFiles.Written(scrubbed, "scrubbed copy, goes into git: no secrets"),
                    new GeneratedFiles.Written(production, "production file, mode 0600, never commit it")),
                    addToManifest(fileName), warnings,
                    Optional.of("write the real SQL in " + shown + ", the same statements with fake values in the"
                            + " scrubbed copy, then 'bascule secure upload " + shown + "'"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<Path> addToManifest(String fileName) throws IOException {
        Optional<Path> manifest = settings.manifestForNewMigrations().filter(m -> !m.startsWith(Location.CLASSPATH + ":"))
                .map(Path::of);
        if (manifest.isPresent()) {
            MigrationNames.appendToManifest(manifest.get(), fileName);
        }
        return manifest;
    }

    private static void requireSnakeCase(String command, String name) {
        String problem = MigrationNames.snakeCaseProblem(name);
        if (problem != null) {
            throw new BasculeException.Configuration(command + ": " + problem);
        }
    }

    /** The first location that is a local folder. */
    static Optional<Path> firstLocalFolder(List<Location> locations) {
        return locations.stream().map(Location::localPath).flatMap(Optional::stream).findFirst();
    }

    /** Created with mode 0600 from the first byte (never readable by others, not even briefly). */
    static void writeOwnerOnly(Path file, String text) throws IOException {
        boolean posix = Files.getFileStore(file.getParent()).supportsFileAttributeView("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    static String template(String name, ZonedDateTime created) {
        return "-- " + name + "\n"
                + "-- Created " + DateTimeFormatter.ISO_INSTANT.format(created) + " by bascule gen migration.\n"
                + "--\n"
                + "-- This file runs once and only once, in one transaction; once applied, never edit it: write a new one.\n"
                + "-- Keep the schema working for the application version now deployed (add before you remove).\n"
                + "-- To run statements one by one without a transaction (CREATE INDEX CONCURRENTLY needs it),\n"
                + "-- put the directive bascule:no-transaction in a comment line of its own at the top of this file.\n"
                + "\n";
    }

    static String scrubbedTemplate(String name, ZonedDateTime created) {
        return "-- " + name + " (SCRUBBED COPY of a secure migration)\n"
                + "-- Created " + DateTimeFormatter.ISO_INSTANT.format(created) + " by bascule gen secure-migration.\n"
                + "--\n"
                + "-- THIS FILE IS COMMITTED TO GIT: IT MUST HOLD NO SECRETS.\n"
                + "-- Write the same statements as the production file, with fake values (no real names, e-mail\n"
                + "-- addresses, certificates, keys or passwords). Development and CI databases run this copy;\n"
                + "-- deployed environments run the real file from their S3 secure-store instead.\n"
                + "\n";
    }

    static String productionTemplate(String name, String fileName, ZonedDateTime created) {
        return "-- " + name + " (PRODUCTION secure migration: real data)\n"
                + "-- Created " + DateTimeFormatter.ISO_INSTANT.format(created) + " by bascule gen secure-migration.\n"
                + "--\n"
                + "-- Never commit this file. Test it with 'bascule exec tmp/" + fileName + " --env <local mirror>',\n"
                + "-- upload it with 'bascule secure upload tmp/" + fileName + "', then delete it.\n"
                + "\n";
    }
}
