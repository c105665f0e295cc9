package dev.bascule.history;

import dev.bascule.Bascule;
import dev.bascule.Settings;
import dev.bascule.error.BasculeException;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.PostgresMajor;
import dev.bascule.testing.PostgresMatrixTest;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A history table changed by hand, or a user without the privileges to create it: the error says what is wrong with
 * the table and what to do (issue 15, item 7), instead of "database error outside a migration statement".
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class HistoryTableDiagnosisTest {

    @TempDir
    Path tmp;

    private MigrationFolder m;

    @BeforeEach
    void migrations() {
        m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "CREATE TABLE a (x int);");
    }

    private Settings.Builder config(TestDatabase db) {
        return Bascule.configure().database(db.admin()).locations(m.path()).lockWait(Duration.ofSeconds(5));
    }

    private Throwable migrateAfter(TestDatabase db, String alteration) {
        config(db).load().migrate();
        m.write("2_b.up.sql", "CREATE TABLE b (x int);");
        db.execute(alteration);
        return catchThrowable(() -> config(db).load().migrate());
    }

    @PostgresMatrixTest
    void aDroppedColumnIsNamedWithTheStatementThatRestoresIt(PostgresMajor major, TestDatabase db) {
        Throwable thrown = migrateAfter(db, "ALTER TABLE bascule_schema_migrations DROP COLUMN success");
        assertThat(thrown).as(major.toString()).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageStartingWith("the history table \"public\".\"bascule_schema_migrations\" was changed by hand:"
                        + " column success is missing: ALTER TABLE \"public\".\"bascule_schema_migrations\" ADD COLUMN"
                        + " success boolean");
        assertThat(db.tableExists("b")).isFalse();
    }

    @Test
    void aRenamedColumnIsNamedWithTheRename(TestDatabase db) {
        Throwable thrown = migrateAfter(db, "ALTER TABLE bascule_schema_migrations RENAME COLUMN checksum TO csum");
        assertThat(thrown).hasMessageContaining("column checksum is missing (renamed? the table has csum): ALTER TABLE"
                + " \"public\".\"bascule_schema_migrations\" RENAME COLUMN \"csum\" TO checksum");
        // status and validate read the history too, and say the same.
        assertThat(catchThrowable(() -> config(db).load().status())).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("column checksum is missing");
        assertThat(catchThrowable(() -> config(db).load().validate())).hasMessageContaining("column checksum is missing");
    }

    @Test
    void aViewInPlaceOfTheTableIsNamedAsSuch(TestDatabase db) {
        Throwable thrown = migrateAfter(db, "ALTER TABLE bascule_schema_migrations RENAME TO old_history;"
                + " CREATE VIEW bascule_schema_migrations AS SELECT id, version FROM old_history");
        assertThat(thrown).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageStartingWith("the history table \"public\".\"bascule_schema_migrations\" is a view, not a table");
    }

    @Test
    void aUserWhoMayNotCreateTheTableIsToldWhichGrantIsMissing(TestDatabase db) {
        String user = "nc_" + db.name(); // roles belong to the whole server, shared by the tests of this run
        db.execute("CREATE ROLE " + user + " LOGIN PASSWORD 'nc-pw-1'; REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        Settings.Builder asUser = Bascule.configure().dataSource(db.url(), user, "nc-pw-1")
                .locations(m.path()).lockWait(Duration.ofSeconds(5));
        Throwable thrown = catchThrowable(() -> asUser.load().migrate());
        assertThat(thrown).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageStartingWith("the history table \"public\".\"bascule_schema_migrations\" does not exist yet and"
                        + " " + user + " may not create tables in schema \"public\": GRANT CREATE ON SCHEMA \"public\""
                        + " TO " + user);
    }

    @Test
    void aUserWithCreateOnTheSchemaButNotTheDatabaseEitherMigratesOrIsToldWhy(TestDatabase db) {
        String user = "so_" + db.name();
        db.execute("CREATE ROLE " + user + " LOGIN PASSWORD 'so-pw-1'; GRANT CREATE ON SCHEMA public TO " + user);
        Settings.Builder asUser = Bascule.configure().dataSource(db.url(), user, "so-pw-1")
                .locations(m.path()).lockWait(Duration.ofSeconds(5));
        Throwable thrown = catchThrowable(() -> asUser.load().migrate());
        // Creating the table needs CREATE on the schema only; until the runner stops asking for CREATE SCHEMA when the
        // schema exists, the message says exactly that.
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(BasculeException.Configuration.class)
                    .hasMessageContaining(user + " may create tables in schema \"public\" but not schemas in"
                            + " database " + db.name());
        } else {
            assertThat(db.tableExists("a")).isTrue();
        }
    }

    @Test
    void aUserWhoMayReadButNotWriteTheHistoryIsToldWhichGrantIsMissing(TestDatabase db) {
        config(db).load().migrate();
        m.write("2_b.up.sql", "SELECT 1;");
        String user = "rd_" + db.name();
        db.execute("CREATE ROLE " + user + " LOGIN PASSWORD 'rd-pw-1'; GRANT SELECT ON bascule_schema_migrations TO "
                + user + "; GRANT CREATE ON SCHEMA public TO " + user);
        Settings.Builder asUser = Bascule.configure().dataSource(db.url(), user, "rd-pw-1")
                .locations(m.path()).lockWait(Duration.ofSeconds(5));
        assertThat(asUser.load().status().entries()).hasSize(2); // reading is allowed
        Throwable thrown = catchThrowable(() -> asUser.load().migrate());
        assertThat(thrown).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageStartingWith(user + " may not insert, update, delete rows of the history table");
    }
}
