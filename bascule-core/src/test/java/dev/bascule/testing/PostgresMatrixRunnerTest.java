package dev.bascule.testing;

import dev.bascule.Bascule;
import dev.bascule.db.Database;
import dev.bascule.plan.MigrationState;
import dev.bascule.plan.PlanEntry;
import dev.bascule.run.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proves the PostgreSQL 13-18 matrix: each run talks to a server of its own major, and the runner works there.
 * The class also uses the default extension, as classes that mix matrix and PostgreSQL 17 tests will.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class PostgresMatrixRunnerTest {

    @TempDir
    Path tmp;

    @PostgresMatrixTest
    void theServerIsOfTheRunsMajor(PostgresMajor major, TestDatabase db) {
        assertThat(db.column("SELECT version()")).singleElement().asString()
                .startsWith("PostgreSQL " + major.number() + ".");
        assertThat(db.column("SELECT current_setting('server_version_num')::int / 10000"))
                .containsExactly(String.valueOf(major.number()));
        assertThat(db.column("SELECT current_database()")).containsExactly(db.name());
    }

    @PostgresMatrixTest
    void appliesMigrationsIncludingANoTransactionOneAndReportsStatus(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("20260101090000_create_moves.up.sql", """
                CREATE TABLE moves (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    status text NOT NULL DEFAULT 'draft',
                    payload jsonb
                );
                INSERT INTO moves (status, payload) VALUES ('draft', '{"a": 1}'), ('approved', NULL);
                """);
        m.write("20260102090000_touch_function.up.sql", """
                CREATE FUNCTION moves_count(wanted text) RETURNS bigint LANGUAGE plpgsql AS $fn$
                BEGIN
                    RETURN (SELECT count(*) FROM moves WHERE status = wanted); -- a ';' inside the body
                END;
                $fn$;
                """);
        m.write("20260103090000_index_moves_status.up.sql", """
                -- bascule:no-transaction
                CREATE INDEX CONCURRENTLY moves_status_idx ON moves (status);
                """);

        Bascule bascule = Bascule.configure().dataSource(db.url(), "postgres", null).locations(m.path()).load();
        MigrateResult result = bascule.migrate();

        assertThat(result.applied()).extracting(x -> x.fileName()).containsExactly(
                "20260101090000_create_moves.up.sql", "20260102090000_touch_function.up.sql",
                "20260103090000_index_moves_status.up.sql");
        assertThat(db.column("SELECT moves_count('draft')")).containsExactly("1");
        assertThat(db.column("SELECT indisvalid FROM pg_index WHERE indexrelid = 'moves_status_idx'::regclass"))
                .containsExactly("t");
        assertThat(db.column("SELECT version || ' ' || success FROM bascule_schema_migrations ORDER BY version"))
                .containsExactly("20260101090000 true", "20260102090000 true", "20260103090000 true");
        assertThat(bascule.status().entries()).hasSize(3).extracting(PlanEntry::state)
                .containsOnly(MigrationState.APPLIED);
        assertThat(bascule.migrate().applied()).isEmpty();
    }

    @Test
    void ordinaryTestsBesideMatrixTestsStillGetTheDefaultPostgres17(TestDatabase db) {
        assertThat(db.column("SELECT current_setting('server_version_num')::int / 10000")).containsExactly("17");
    }

    @PostgresMatrixTest
    void rolesOtherThanPostgresNeedTheirPassword(PostgresMajor major, TestDatabase db) throws Exception {
        db.execute("CREATE ROLE matrix_app LOGIN PASSWORD 'right-password'");
        assertThat(db.column("SELECT left(rolpassword, 14) FROM pg_authid WHERE rolname = 'matrix_app'"))
                .containsExactly("SCRAM-SHA-256$");
        try (Connection c = new Database(db.url(), "matrix_app", "right-password").connect()) {
            assertThat(c.getMetaData().getDatabaseMajorVersion()).isEqualTo(major.number());
        }
        assertThatThrownBy(() -> new Database(db.url(), "matrix_app", "wrong-password").connect().close())
                .hasMessageContaining("password authentication failed");
    }
}
