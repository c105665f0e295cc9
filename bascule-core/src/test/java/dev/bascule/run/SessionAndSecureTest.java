package dev.bascule.run;

import dev.bascule.Bascule;
import dev.bascule.error.Problem;
import dev.bascule.error.BasculeException;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Session hygiene between migrations, COPY in secure migrations, and Pop's raw header. */
@ExtendWith(EmbeddedPostgresExtension.class)
class SessionAndSecureTest {

    @TempDir
    Path tmp;

    @Test
    void aPgDumpSearchPathSettingDoesNotLeakIntoTheNextMigration(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        // As in MilMove's secure 20180927194656_tspp-update-oct2018: pg_dump's header empties the search_path.
        m.write("1_dump.up.sql", "SET statement_timeout = 0;\nSELECT pg_catalog.set_config('search_path', '', false);\n"
                + "CREATE TABLE public.dumped (x int);\n");
        m.write("2_next.up.sql", "CREATE TABLE unqualified (x int);\nINSERT INTO dumped VALUES (1);\n");
        Bascule bascule = Bascule.configure().database(db.admin()).locations(m.path()).lockWait(Duration.ofSeconds(5)).load();
        assertThat(bascule.migrate().applied()).hasSize(2);
        assertThat(db.column("SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relname = 'unqualified'")).containsExactly("public");
    }

    @Test
    void copyFromStdinRunsInSecureMigrationsAndItsDataNeverReachesErrors(TestDatabase db) {
        MigrationFolder schema = new MigrationFolder(tmp.resolve("schema"));
        MigrationFolder secure = new MigrationFolder(tmp.resolve("secure"));
        schema.write("1_users.up.sql", "CREATE TABLE office_users (email text PRIMARY KEY, tac text);");
        secure.write("2_load_users.up.sql", "COPY public.office_users (email, tac) FROM stdin;\n"
                + "alice@example.mil\tSECRET-TAC-1\nbob@example.mil\tSECRET-TAC-2\n\\.\n");
        Bascule bascule = Bascule.configure().database(db.admin()).locations(schema.path(), secure.path())
                .secureLocations(secure.path()).lockWait(Duration.ofSeconds(5)).load();
        assertThat(bascule.migrate().applied()).extracting(x -> x.kind().label()).containsExactly("schema", "secure");
        assertThat(db.column("SELECT tac FROM office_users ORDER BY email")).containsExactly("SECRET-TAC-1", "SECRET-TAC-2");

        secure.write("3_again.up.sql", "COPY public.office_users (email, tac) FROM stdin;\ncarol@example.mil\tSECRET-TAC-3\n"
                + "alice@example.mil\tSECRET-TAC-4\n\\.\n");
        assertThatThrownBy(bascule::migrate).isInstanceOfSatisfying(BasculeException.MigrationFailed.class, e -> {
            assertThat(e.getMessage()).contains("3_again.up.sql:3: ERROR: duplicate key value")
                    .doesNotContain("alice", "SECRET-TAC");
        });
        assertThat(db.column("SELECT count(*) FROM office_users")).containsExactly("2");
    }

    @Test
    void popRawHeaderIsWarnedAboutOncePerRun(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "-- POP RAW MIGRATION --\nCREATE TABLE a (x int);\n");
        m.write("2_b.up.sql", "\n-- POP RAW MIGRATION --\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\n");
        m.write("3_c.up.sql", "CREATE TABLE c (x int); -- POP RAW MIGRATION -- only counts as a header\n");
        List<Problem> warnings = new ArrayList<>();
        Bascule bascule = Bascule.configure().database(db.admin()).locations(m.path()).lockWait(Duration.ofSeconds(5))
                .listener(new MigrationListener() {
                    @Override
                    public void warning(Problem problem) {
                        warnings.add(problem);
                    }
                }).load();
        assertThat(bascule.migrate().applied()).hasSize(3);
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.file()).endsWith("1_a.up.sql");
            assertThat(w.message()).startsWith("Pop raw migration header ignored: Bascule splits these files like any other")
                    .contains("2 file(s)");
        });
        assertThat(db.column("SELECT f()")).containsExactly("1");
    }
}
