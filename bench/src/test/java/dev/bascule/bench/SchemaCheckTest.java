package dev.bascule.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Applies a generated set with the real psql to a real PostgreSQL 17 and checks what SchemaCheck sees. */
class SchemaCheckTest {

    private static final Path PSQL = Path.of("/usr/bin/psql");
    private static EmbeddedPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void acceptsACompleteRunAndNamesEveryShortfall() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "/usr/bin/psql is not installed (apt-get install postgresql-client)");
        GeneratedSet set = MigrationGenerator.generate(dir.resolve("set"), 12);
        ServerAddress server = new ServerAddress("127.0.0.1", postgres.getPort(), "postgres");
        String database = "check_complete";
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        Contender.Psql psql = Contender.Psql.floor(PSQL, set.psqlDriver());
        TimedProcess.run(psql.command(server, database), dir, dir.resolve("psql.log"), Duration.ofSeconds(120));

        try (Connection connection = postgres.getDatabase("postgres", database).getConnection()) {
            assertThat(SchemaCheck.differences(connection, set.expected(), Optional.empty())).isEmpty();
            assertThat(SchemaCheck.differences(connection, set.expected(), Optional.of("SELECT 7")))
                    .containsExactly("successful history rows: expected 12, found 7");

            try (Statement st = connection.createStatement()) {
                st.execute("DROP FUNCTION bench_fn_7(text)");
                st.execute("DELETE FROM bench_marks WHERE migration = 12");
                st.execute("DELETE FROM bench_t_9 WHERE code = 'c-12-1'");
            }
            List<String> problems = SchemaCheck.differences(connection, set.expected(), Optional.empty());
            assertThat(problems).containsExactly(
                    "bench_marks rows: expected 12, found 11",
                    "distinct migrations in bench_marks 1..12: expected 12, found 11",
                    "functions bench_fn_*: expected 3, found 2",
                    "data rows in bench_t_*: expected 15, found 14");
        }
    }

    @Test
    void theDriverWithRunnerStatementsAppliesEverythingAndRecordsHistory() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "/usr/bin/psql is not installed (apt-get install postgresql-client)");
        GeneratedSet set = MigrationGenerator.generate(dir.resolve("set"), 9);
        ServerAddress server = new ServerAddress("127.0.0.1", postgres.getPort(), "postgres");
        String database = "check_runner_statements";
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        Contender.Psql psql = new Contender.Psql("extras", PSQL, set.psqlDriverWithRunnerStatements(),
                Optional.of("SELECT count(*) FROM bench_history WHERE success"));
        TimedProcess.run(psql.command(server, database), dir, dir.resolve("psql-extras.log"), Duration.ofSeconds(120));

        try (Connection connection = postgres.getDatabase("postgres", database).getConnection()) {
            assertThat(SchemaCheck.differences(connection, set.expected(), psql.historyCount())).isEmpty();
        }
        String driver = Files.readString(set.psqlDriverWithRunnerStatements());
        assertThat(driver.split("RESET ALL;\n", -1)).hasSize(10);
        assertThat(driver.split("INSERT INTO bench_history", -1)).hasSize(10);
    }

    @Test
    void anEmptyDatabaseIsReportedAsNothingApplied() throws Exception {
        GeneratedSet set = MigrationGenerator.generate(dir.resolve("set"), 3);
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            assertThat(SchemaCheck.differences(connection, set.expected(), Optional.empty()))
                    .containsExactly("table bench_marks is missing: not even the first migration ran");
        }
    }
}
