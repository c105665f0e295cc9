package dev.bascule;

import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;
import dev.bascule.plan.MigrationState;
import dev.bascule.plan.PlanEntry;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code \i} / {@code \ir} in migrate and validate (issue 15, item 5), the checksum covering included files (issue 13). */
@ExtendWith(EmbeddedPostgresExtension.class)
class IncludesMigrateTest {

    @TempDir
    Path tmp;

    private Settings.Builder config(TestDatabase db, MigrationFolder m) {
        return Bascule.configure().database(db.admin()).locations(m.path()).baseDir(tmp).lockWait(Duration.ofSeconds(5));
    }

    @Test
    void migrateRunsIncludedFilesAndAnEditedIncludedFunctionIsCaughtLikeAnEditedMigration(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("db/migrations"));
        MigrationFolder functions = new MigrationFolder(tmp.resolve("db/functions"));
        functions.write("x_v01.sql", "CREATE FUNCTION x() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n");
        new MigrationFolder(tmp.resolve("db/seeds")).write("rows.sql", "INSERT INTO t VALUES (x());\n");
        m.write("1_create.up.sql", "CREATE TABLE t (v int);\n\\ir ../functions/x_v01.sql\n\\i db/seeds/rows.sql\n");

        assertThat(config(db, m).load().validate().valid()).isTrue();
        assertThat(config(db, m).load().migrate().applied()).hasSize(1);
        assertThat(db.column("SELECT v FROM t")).containsExactly("1");

        functions.write("x_v01.sql", "CREATE FUNCTION x() RETURNS int LANGUAGE sql AS $$ SELECT 2 $$;\n");
        assertThat(config(db, m).load().status().entries()).extracting(PlanEntry::state).containsExactly(MigrationState.CHANGED);
        assertThatThrownBy(() -> config(db, m).load().migrate()).isInstanceOf(BasculeException.ValidationFailed.class)
                .hasMessageContaining("1_create.up.sql: changed after it was applied");
    }

    @Test
    void validateReportsAMissingIncludeAtTheFileAndLineOfTheMetaCommandAndNothingRuns(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "CREATE TABLE a (x int);\n");
        m.write("2_b.up.sql", "CREATE TABLE b (x int);\n\\ir missing/f_v01.sql\n");
        assertThatThrownBy(() -> config(db, m).load().validate()).isInstanceOfSatisfying(BasculeException.ValidationFailed.class,
                e -> assertThat(e.problems()).extracting(Problem::file, Problem::line)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(m.resolve("2_b.up.sql").toString(), 2)));
        assertThatThrownBy(() -> config(db, m).load().migrate()).isInstanceOf(BasculeException.ValidationFailed.class)
                .hasMessageContaining("cannot read included file 'missing/f_v01.sql'");
        assertThat(db.tableExists("a")).isFalse();
    }

    @Test
    void aFailureInAFileIncludedBySecureMigrationStaysSecret(TestDatabase db) {
        MigrationFolder secure = new MigrationFolder(tmp.resolve("secure"));
        secure.write("values.sql", "CREATE TABLE s (v uuid);\nINSERT INTO s VALUES ('top-secret-value-991');\n");
        secure.write("1_s.up.sql", "\\ir values.sql\n");
        assertThatThrownBy(() -> config(db, secure).secureLocations(secure.path()).load().migrate())
                .isInstanceOfSatisfying(BasculeException.MigrationFailed.class, e -> {
                    assertThat(e.getMessage()).doesNotContain("top-secret-value-991");
                    assertThat(e.file()).isEqualTo(secure.resolve("values.sql").toString());
                    assertThat(e.line()).isEqualTo(2);
                });
    }
}
