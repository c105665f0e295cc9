package dev.bascule.fizz;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Replays MilMove's legacy manifest on a fresh PostgreSQL 17, in version order, from the first migration up
 * to and including the last fizz one: fizz files through {@link FizzTranslator}, SQL files whole over JDBC
 * (COPY blocks through the CopyManager). Each migration runs in its own transaction, as Pop ran them.
 */
@Tag("corpus")
class FizzCorpusReplayTest {

    @Test
    void replaysTheCorpusThroughTheLastFizzMigration() throws Exception {
        var located = MilmoveCorpus.locate();
        Assumptions.assumeTrue(located.isPresent(), MilmoveCorpus.ABSENT);
        MilmoveCorpus corpus = located.get();
        List<String> manifest = corpus.legacyManifestByVersion();
        long lastFizz = manifest.stream().filter(n -> n.endsWith(".fizz")).mapToLong(MilmoveCorpus::version).max()
                .orElseThrow();
        List<String> toRun = manifest.stream().filter(n -> MilmoveCorpus.version(n) <= lastFizz).toList();
        Set<String> missing = corpus.missing();

        long started = System.nanoTime();
        int fizz = 0;
        int sql = 0;
        int copies = 0;
        List<String> skipped = new ArrayList<>();
        List<String> standIns = new ArrayList<>();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
             Connection connection = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres")
                     + "&options=-c%20statement_timeout%3D120s&connectTimeout=30&socketTimeout=300")) {
            connection.setAutoCommit(false);
            for (String name : toRun) {
                Optional<Path> file = corpus.find(name);
                String text;
                if (file.isPresent()) {
                    text = MilmoveCorpus.read(file.get());
                } else {
                    assertThat(missing).as("manifest names %s, which is neither present nor in MISSING.txt", name)
                            .contains(name);
                    Optional<String> standIn = standIn(name);
                    if (standIn.isEmpty()) {
                        skipped.add(name);
                        continue;
                    }
                    standIns.add(name);
                    text = standIn.get();
                }
                try {
                    if (name.endsWith(".fizz")) {
                        for (String statement : FizzTranslator.statements(name, text)) {
                            try (Statement s = connection.createStatement()) {
                                s.execute(statement);
                            }
                        }
                        fizz++;
                    } else {
                        copies += CopyAwareSqlRunner.run(connection, text);
                        sql++;
                    }
                    connection.commit();
                    resetSession(connection);
                } catch (SQLException e) {
                    connection.rollback();
                    throw new AssertionError("migration " + name + " failed after " + (fizz + sql)
                            + " applied: " + e.getMessage(), e);
                }
            }
            assertSchemaBuiltByFizz(connection);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("replayed %d migrations (%d fizz, %d sql, %d COPY blocks) in %d ms; stand-ins for missing files: %s;"
                + " skipped missing: %s%n", fizz + sql, fizz, sql, copies, took.toMillis(), standIns, skipped);
        assertThat(fizz).isEqualTo((int) toRun.stream().filter(n -> n.endsWith(".fizz")).count());
        assertThat(fizz + sql + skipped.size()).isEqualTo(toRun.size());
    }

    /** Spot checks of what the fizz files built, read back from the catalog. */
    private static void assertSchemaBuiltByFizz(Connection connection) throws SQLException {
        assertThat(queryString(connection, "SHOW statement_timeout")).isEqualTo("2min");
        assertThat(queryString(connection, "SHOW search_path")).isEqualTo("\"$user\", public");
        // add_foreign_key without a name: fizz's default name.
        assertThat(queryString(connection, "SELECT count(*) FROM pg_constraint WHERE conname ="
                + " 'admin_users_organizations_id_fk' AND contype = 'f'")).isEqualTo("1");
        // t.Column("role", "admin_role", {}) passes the enum type through, NOT NULL by default.
        assertThat(queryString(connection, "SELECT udt_name || ' ' || is_nullable FROM information_schema.columns"
                + " WHERE table_name = 'admin_users' AND column_name = 'role'")).isEqualTo("admin_role NO");
        // drop_table("issues") ran after create_table("issues").
        assertThat(queryString(connection, "SELECT count(*) FROM pg_tables WHERE tablename = 'issues'"))
                .isEqualTo("0");
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Some secure migrations are pg_dump output that runs {@code set_config('search_path', '', false)}; the
     * setting outlives the transaction and would break the next migration's unqualified names. MilMove strips
     * those lines from its files; here, as Bascule does, the session is restored between migrations instead.
     * RESET ALL returns to the connection's start-up settings, so the statement timeout stays.
     */
    private static void resetSession(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("RESET ALL");
        }
        connection.commit();
    }

    /**
     * A minimal stand-in for a migration absent from the snapshot, when later migrations need what it
     * created: test resource {@code fizz/milmove-stand-ins/NAME}, which explains itself in its header.
     */
    private static Optional<String> standIn(String name) throws java.io.IOException {
        try (var in = FizzCorpusReplayTest.class.getResourceAsStream("/fizz/milmove-stand-ins/" + name)) {
            return in == null ? Optional.empty()
                    : Optional.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
