package dev.bascule.cli;

import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passwords never reach output (issue 15, item 2): every command that connects, with and without {@code --debug},
 * over a table of malformed and unreachable URLs, wrong passwords and a failing migration, given as {@code --url},
 * {@code --password}, {@code DATABASE_URL}, {@code PGPASSWORD} and {@code password: ${VAR}} in bascule.yml. All output
 * is searched: the CLI's stdout and stderr, the process's own System.out/err in-process, and everything a child
 * process prints (the JDBC driver logs there) for the environment variables.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class SecretsInOutputTest {

    private static final String PW = "Zq7-secret-Pw41";
    private static final String PW_AT = "Zq7x9k@secret5/Pw8tail";
    private static final String PW_SPACE = "Zq7x9k secret5";
    /** What must not appear: the passwords, and each part of the ones a URL parser might cut. */
    private static final List<String> FORBIDDEN = List.of(PW, PW_AT, PW_SPACE, "Zq7x9k", "secret5", "Pw8tail");

    private static final List<List<String>> COMMANDS = List.of(List.of("status"), List.of("status", "--json-object"),
            List.of("validate"), List.of("migrate"), List.of("repair"), List.of("adopt", "pop"), List.of("lint", "--pending"));

    @TempDir
    Path tmp;

    private record Case(String what, List<String> options) {
    }

    private List<Case> flagCases(TestDatabase db) {
        String role = "pw_" + db.name();
        db.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + PW + "'");
        db.execute("GRANT CREATE ON SCHEMA public TO " + role + "; GRANT CREATE ON DATABASE " + db.name() + " TO " + role);
        return List.of(
                new Case("port not a number", List.of("--url", "jdbc:postgresql://127.0.0.1:notaport/db?password=" + PW)),
                new Case("port out of range", List.of("--url", "jdbc:postgresql://127.0.0.1:99999/db?password=" + PW)),
                new Case("user-info in a JDBC URL", List.of("--url", "jdbc:postgresql://app:" + PW + "@127.0.0.1/db")),
                new Case("unclosed IPv6 JDBC URL", List.of("--url", "jdbc:postgresql://[::1/db?password=" + PW)),
                new Case("unclosed IPv6", List.of("--url", "postgres://app:" + PW + "@[::1")),
                new Case("malformed escape", List.of("--url", "postgres://app:" + PW + "%zz@127.0.0.1/db")),
                new Case("space in the password", List.of("--url", "postgres://app:" + PW_SPACE + "@127.0.0.1/db")),
                new Case("@ and / in the password", List.of("--url", "postgres://app:" + PW_AT + "@127.0.0.1:1/db")),
                new Case("unreachable", List.of("--url", "postgres://app:" + PW + "@127.0.0.1:1/db", "--connect-timeout", "2s")),
                new Case("wrong password in the URL", List.of("--url", db.url() + "?password=wrong-" + PW, "--user", role)),
                new Case("wrong --password", List.of("--url", db.url(), "--user", role, "--password", "wrong-" + PW)),
                new Case("right password, failing SQL", List.of("--url", db.url() + "?password=" + PW, "--user", role)));
    }

    @Test
    void noCommandPrintsAPasswordGivenOnTheCommandLine(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_ok.up.sql", "CREATE TABLE ok (x int);\n");
        m.write("2_fails.up.sql", "SELECT * FROM no_such_table;\n");
        List<String> leaks = new ArrayList<>();
        int runs = 0;
        ByteArrayOutputStream process = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        PrintStream capture = new PrintStream(process, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            for (Case c : flagCases(db)) {
                for (List<String> command : COMMANDS) {
                    for (boolean debug : new boolean[]{false, true}) {
                        List<String> args = new ArrayList<>(command);
                        args.addAll(c.options());
                        args.addAll(List.of("--path", m.path()));
                        if (debug) {
                            args.add("--debug");
                        }
                        process.reset();
                        CliRun run = CliRun.run(tmp, args.toArray(String[]::new));
                        runs++;
                        String all = run.out() + run.err() + process.toString(StandardCharsets.UTF_8);
                        FORBIDDEN.stream().filter(all::contains).forEach(secret -> leaks.add(c.what() + " / "
                                + String.join(" ", command) + (debug ? " --debug" : "") + " printed '" + secret + "':\n" + all));
                    }
                }
            }
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        System.out.println("secrets: " + runs + " in-process runs searched");
        assertThat(leaks).isEmpty();
        assertThat(runs).isEqualTo(12 * COMMANDS.size() * 2);
    }

    @Test
    void noCommandPrintsAPasswordTakenFromTheEnvironment(TestDatabase db) throws Exception {
        String role = "env_" + db.name();
        db.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'the-right-one-8812'");
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_ok.up.sql", "CREATE TABLE ok (x int);\n");
        Path project = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(project.resolve("bascule.yml"), "environments:\n  dev:\n    url: " + db.url() + "\n    user: " + role
                + "\n    password: ${DB_PASSWORD}\n    paths: [" + m.path() + "]\n");
        record EnvCase(String what, Path dir, Map<String, String> env) {
        }
        List<EnvCase> cases = List.of(
                new EnvCase("DATABASE_URL unclosed IPv6", tmp, Map.of("DATABASE_URL", "postgres://app:" + PW + "@[::1")),
                new EnvCase("DATABASE_URL malformed escape", tmp, Map.of("DATABASE_URL", "postgres://app:" + PW + "%zz@127.0.0.1/db")),
                new EnvCase("DATABASE_URL space in the password", tmp, Map.of("DATABASE_URL", "postgres://app:" + PW_SPACE + "@127.0.0.1/db")),
                new EnvCase("DATABASE_URL bad port", tmp, Map.of("DATABASE_URL", "postgres://app:" + PW_AT + "@127.0.0.1:notaport/db")),
                new EnvCase("PGPASSWORD wrong", tmp, Map.of("PGHOST", "127.0.0.1", "PGPORT", String.valueOf(db.port()),
                        "PGDATABASE", db.name(), "PGUSER", role, "PGPASSWORD", PW)),
                new EnvCase("bascule.yml ${DB_PASSWORD} wrong", project, Map.of("DB_PASSWORD", PW)));
        List<String> leaks = new ArrayList<>();
        for (EnvCase c : cases) {
            for (String command : new String[]{"status", "migrate"}) {
                List<String> args = new ArrayList<>(List.of(command, "--debug"));
                if (c.dir().equals(tmp)) {
                    args.addAll(List.of("--path", m.path()));
                }
                CliProcess.Result result = CliProcess.run(c.dir(), c.env(), Duration.ofSeconds(60), args.toArray(String[]::new));
                assertThat(result.finished()).as(result.toString()).isTrue();
                assertThat(result.exitCode()).as(c.what() + " " + command + ": " + result).isEqualTo(2);
                FORBIDDEN.stream().filter(result.output()::contains)
                        .forEach(secret -> leaks.add(c.what() + " / " + command + " printed '" + secret + "':\n" + result));
            }
        }
        assertThat(leaks).isEmpty();
    }
}
