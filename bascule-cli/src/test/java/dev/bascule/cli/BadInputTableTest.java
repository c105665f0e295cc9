package dev.bascule.cli;

import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad input README promises a clear error for, and the ones issue 15 found accepted in silence, through
 * {@code bascule migrate}: the exit code, the file and line in the message (and what to do), and that nothing was
 * applied. Inputs that are accepted by decision (a byte order mark in the manifest) or only warned about (a down
 * file without its up file, a migration without statements) are in the table too, with what they do.
 *
 * <p>Each case has a fresh database and a folder {@code m} holding {@code 1_marker.up.sql} (creates table
 * {@code marker}); "nothing applied" means no {@code marker} table and no history row.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class BadInputTableTest {

    @TempDir
    Path tmp;

    /** Prepares a case: files in {@code m}, maybe the database; returns extra arguments for migrate. */
    @FunctionalInterface
    interface Setup {
        List<String> prepare(MigrationFolder m, Path tmp, TestDatabase db) throws Exception;
    }

    /**
     * @param expected fragments the output must hold; {@code {m}} stands for the migration folder, {@code {tmp}} for
     *                 the working directory
     * @param applied  whether the case applies the marker migration (warnings and accepted inputs)
     */
    record Case(String name, Setup setup, int exitCode, List<String> expected, boolean applied) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case fails(String name, int exitCode, Setup setup, String... expected) {
        return new Case(name, setup, exitCode, List.of(expected), false);
    }

    private static Case passes(String name, Setup setup, String... expected) {
        return new Case(name, setup, 0, List.of(expected), true);
    }

    private static Setup file(String name, String text) {
        return (m, tmp, db) -> {
            m.write(name, text);
            return List.of();
        };
    }

    private static Setup bytes(String name, byte[] content) {
        return (m, tmp, db) -> {
            m.writeBytes(name, content);
            return List.of();
        };
    }

    private static Setup manifest(String text, String... files) {
        return (m, tmp, db) -> {
            for (String f : files) {
                m.write(f, "SELECT 1;\n");
            }
            Files.write(tmp.resolve("manifest.txt"), text.getBytes(StandardCharsets.UTF_8));
            return List.of("--manifest", tmp.resolve("manifest.txt").toString());
        };
    }

    /** Applies the marker first, then changes things; "nothing applied" then means nothing more than the marker. */
    private static Setup afterFirstRun(Setup then) {
        return (m, tmp, db) -> {
            CliRun first = CliRun.run(tmp, "migrate", "--url", db.url(), "--user", "postgres", "--path", m.path());
            assertThat(first.exitCode()).as(first.toString()).isZero();
            m.write("3_later.up.sql", "CREATE TABLE later (x int);\n");
            return then.prepare(m, tmp, db);
        };
    }

    static Stream<Case> cases() {
        return Stream.of(
                fails("unterminated quote", 3, file("2_bad.up.sql", "SELECT 1;\nSELECT 'oops;\n"),
                        "{m}/2_bad.up.sql:2: column 8: unterminated quoted string"),
                fails("NUL byte", 3, bytes("2_nul.up.sql", "SELECT 1;\nSELECT '\0';\n".getBytes(StandardCharsets.UTF_8)),
                        "{m}/2_nul.up.sql:2: column 9: holds a NUL byte"),
                fails("invalid UTF-8", 3, bytes("2_latin1.up.sql", new byte[]{'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', ';',
                        '\n', '-', '-', ' ', 'c', 'a', 'f', (byte) 0xe9, '\n'}), "{m}/2_latin1.up.sql:2: invalid UTF-8"),
                fails("dangling symlink", 3, (m, tmp, db) -> {
                    Files.createSymbolicLink(m.resolve("2_gone.up.sql"), Path.of("gone.sql"));
                    return List.of();
                }, "{m}/2_gone.up.sql: is a symbolic link to gone.sql, which does not exist"),
                fails("looping symlink", 3, (m, tmp, db) -> {
                    Files.createSymbolicLink(m.resolve("2_loop.up.sql"), Path.of("2_loop.up.sql"));
                    return List.of();
                }, "{m}/2_loop.up.sql: is a symbolic link (to 2_loop.up.sql) that loops back on itself"),
                fails("directory named like a migration", 3, (m, tmp, db) -> {
                    Files.createDirectory(m.resolve("2_folder.up.sql"));
                    return List.of();
                }, "{m}/2_folder.up.sql: is a directory, not a file"),
                fails("upper-case suffix", 3, file("2_shout.UP.SQL", "SELECT 1;\n"),
                        "{m}/2_shout.UP.SQL: its suffix is not in lower case", "rename it to 2_shout.up.sql"),
                fails("unparsable name without a manifest", 3, file("x2_name.up.sql", "SELECT 1;\n"),
                        "{m}/x2_name.up.sql: not a migration file name"),
                fails("two files with one version", 3, (m, tmp, db) -> {
                    m.write("2_a.up.sql", "SELECT 1;\n");
                    m.write("2_b.up.sql", "SELECT 1;\n");
                    return List.of();
                }, "has version 2, like 2_a.up.sql: every migration needs its own version"),
                fails("manifest: unknown file", 3, manifest("1_marker.up.sql\n2_absent.up.sql\n"),
                        "{tmp}/manifest.txt:2: 2_absent.up.sql is listed but is in none of the paths"),
                fails("manifest: duplicate line", 3, manifest("1_marker.up.sql\n\n1_marker.up.sql\n"),
                        "{tmp}/manifest.txt:3: 1_marker.up.sql is listed twice (first on line 1)"),
                fails("manifest: unparsable name", 3, manifest("1_marker.up.sql\nnot-a-migration.sql\n"),
                        "{tmp}/manifest.txt:2: 'not-a-migration.sql' is not a migration file name"),
                fails("manifest: two files with one version", 3,
                        manifest("1_marker.up.sql\n2_a.up.sql\n2_b.up.sql\n", "2_a.up.sql", "2_b.up.sql"),
                        "{tmp}/manifest.txt:3: 2_b.up.sql has version 2, like 2_a.up.sql"),
                fails("manifest: a down file listed", 3, manifest("1_marker.up.sql\n2_a.down.sql\n", "2_a.down.sql"),
                        "{tmp}/manifest.txt:2: 2_a.down.sql is a down migration"),
                fails("manifest: invalid UTF-8", 2, (m, tmp, db) -> {
                    Files.write(tmp.resolve("manifest.txt"), new byte[]{'1', '_', 'm', 'a', 'r', 'k', 'e', 'r', '.', 'u', 'p',
                            '.', 's', 'q', 'l', '\n', '#', ' ', (byte) 0xff, '\n'});
                    return List.of("--manifest", tmp.resolve("manifest.txt").toString());
                }, "{tmp}/manifest.txt:2: manifest: invalid UTF-8"),
                passes("manifest: byte order mark (accepted)", manifest("\uFEFF1_marker.up.sql\n")),
                fails("CREATE INDEX CONCURRENTLY in a transaction", 3,
                        file("2_cic.up.sql", "CREATE TABLE c (x int);\nCREATE INDEX CONCURRENTLY c_x ON c (x);\n"),
                        "{m}/2_cic.up.sql:2: CREATE INDEX CONCURRENTLY c_x ON c cannot run inside a transaction block",
                        "-- bascule:no-transaction"),
                fails("COMMIT in a transactional migration", 3, file("2_commit.up.sql", "CREATE TABLE c (x int);\nCOMMIT;\n"),
                        "{m}/2_commit.up.sql:2: COMMIT: Bascule already runs each migration in one transaction"),
                fails("missing include", 3, file("2_inc.up.sql", "SELECT 1;\n\\ir functions/missing_v01.sql\n"),
                        "{m}/2_inc.up.sql:2: column 1: cannot read included file 'functions/missing_v01.sql'"),
                fails("include cycle", 3, (m, tmp, db) -> {
                    m.write("a.sql", "\\ir b.sql\n");
                    m.write("b.sql", "\\ir a.sql\n");
                    m.write("2_cycle.up.sql", "\\ir a.sql\n");
                    return List.of();
                }, "{m}/b.sql:1: column 1: include cycle"),
                fails("unsupported psql meta-command", 3, file("2_meta.up.sql", "SELECT 1;\n\\set x 1\n"),
                        "{m}/2_meta.up.sql:2: column 1: psql meta-command \\set is not supported"),
                fails("--target naming no migration", 3, (m, tmp, db) -> List.of("--target", "5"),
                        "--target: no migration has version 5; the nearest below is 1 (1_marker.up.sql)"),
                fails("applied migration changed", 3, afterFirstRun((m, tmp, db) -> {
                    m.write("1_marker.up.sql", "CREATE TABLE marker (x int, y int);\n");
                    return List.of();
                }), "{m}/1_marker.up.sql: changed after it was applied", "write a new migration"),
                fails("history row inserted twice by hand", 3, afterFirstRun((m, tmp, db) -> {
                    db.execute("DROP INDEX bascule_schema_migrations_version_key; INSERT INTO bascule_schema_migrations"
                            + " (version, name, kind, script, success) SELECT version, name, kind, script, success"
                            + " FROM bascule_schema_migrations");
                    return List.of();
                }), "1_marker.up.sql: version 1 has 2 rows in the history table"),
                fails("history column dropped by hand", 2, afterFirstRun((m, tmp, db) -> {
                    db.execute("ALTER TABLE bascule_schema_migrations DROP COLUMN checksum");
                    return List.of();
                }), "the history table \"public\".\"bascule_schema_migrations\" was changed by hand: column checksum is"
                        + " missing: ALTER TABLE \"public\".\"bascule_schema_migrations\" ADD COLUMN checksum text"),
                passes("down file without its up file (warning)", file("2_orphan.down.sql", "DROP TABLE x;\n"),
                        "warning: {m}/2_orphan.down.sql: is a down migration without its up file 2_orphan.up.sql"),
                passes("migration without statements (warning)", file("2_empty.up.sql", "-- to do\n"),
                        "warning: {m}/2_empty.up.sql: has no statement (it is empty or holds only comments)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInput(Case c, TestDatabase db) throws Exception {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_marker.up.sql", "CREATE TABLE marker (x int);\n");
        boolean appliedBefore = c.name().startsWith("applied") || c.name().startsWith("history");
        List<String> args = new ArrayList<>(List.of("migrate", "--url", db.url(), "--user", "postgres", "--path", m.path()));
        args.addAll(c.setup().prepare(m, tmp, db));
        CliRun run = CliRun.run(tmp, args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(c.exitCode());
        String output = run.out() + run.err();
        for (String fragment : c.expected()) {
            assertThat(output).as(run.toString())
                    .contains(fragment.replace("{m}", m.path()).replace("{tmp}", tmp.toString()));
        }
        if (c.applied()) {
            assertThat(db.tableExists("marker")).isTrue();
        } else if (appliedBefore) {
            assertThat(db.tableExists("later")).as("nothing applied after the first run").isFalse();
        } else {
            assertThat(db.tableExists("marker")).as("nothing applied").isFalse();
            assertThat(db.column("SELECT count(*) FROM pg_class WHERE relname = 'bascule_schema_migrations'")
                    .get(0).equals("0") || db.column("SELECT count(*) FROM bascule_schema_migrations").equals(List.of("0")))
                    .as("no history row").isTrue();
        }
    }
}
