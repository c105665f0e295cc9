package dev.bascule.run;

import dev.bascule.Bascule;
import dev.bascule.catalog.Version;
import dev.bascule.error.BasculeException;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(EmbeddedPostgresExtension.class)
class BaselineAndDryRunTest {

    @TempDir
    Path tmp;

    @Test
    void baselineRecordsWhatTheDatabaseAlreadyHasSoOnlyLaterMigrationsRun(TestDatabase db) {
        db.execute("CREATE TABLE a (x int); CREATE TABLE b (x int)");
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "CREATE TABLE a (x int);");
        m.write("2_b.up.sql", "CREATE TABLE b (x int);");
        m.write("3_c.up.sql", "CREATE TABLE c (x int);");
        Bascule bascule = Bascule.configure().database(db.admin()).locations(m.path()).load();
        assertThatThrownBy(() -> bascule.baseline(Version.parse("9"), null)).hasMessageContaining("no migration has that version");
        assertThat(bascule.baseline(Version.parse("2"), "existing prod schema")).hasSize(2);
        assertThat(db.column("SELECT applied_by FROM bascule_schema_migrations ORDER BY version"))
                .containsOnly("baseline: existing prod schema");
        assertThat(bascule.migrate().applied()).extracting(x -> x.fileName()).containsExactly("3_c.up.sql");
        assertThatThrownBy(() -> bascule.baseline(Version.parse("2"), null)).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("already has 3 row(s)");
    }

    @Test
    void dryRunPrintsTheSqlInOrderAndChangesNothing(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "CREATE TABLE a (x int);\nINSERT INTO a VALUES (1);");
        m.write("2_i.up.sql", "-- bascule:no-transaction\nCREATE INDEX CONCURRENTLY a_x ON a (x);");
        MigrationFolder secure = new MigrationFolder(tmp.resolve("secure"));
        secure.write("3_s.up.sql", "INSERT INTO a VALUES (424242);");
        List<String> lines = Bascule.configure().database(db.admin()).locations(m.path(), secure.path())
                .secureLocations(secure.path()).load().dryRun();
        String text = String.join("\n", lines);
        assertThat(text).containsSubsequence("pg_try_advisory_lock", "-- 1_a.up.sql", "RESET ALL", "BEGIN;",
                "CREATE TABLE a (x int);", "INSERT INTO a VALUES (1);", "INSERT INTO \"public\".\"bascule_schema_migrations\"",
                "COMMIT;", "-- 2_i.up.sql (schema, no transaction", "false); -- recorded as failed",
                "CREATE INDEX CONCURRENTLY a_x ON a (x);", "SET success = true", "-- 3_s.up.sql (secure",
                "secure migration: text not shown", "pg_advisory_unlock");
        assertThat(text).doesNotContain("424242");
        assertThat(db.tableExists("a")).isFalse();
        assertThat(db.tableExists("bascule_schema_migrations")).isFalse();
    }
}
