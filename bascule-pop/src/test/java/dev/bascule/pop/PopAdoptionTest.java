package dev.bascule.pop;

import dev.bascule.Bascule;
import dev.bascule.Settings;
import dev.bascule.error.Problem;
import dev.bascule.run.HistoryAdopter;
import dev.bascule.run.MigrateResult;
import dev.bascule.run.MigrationListener;
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

/** Adopting Pop's schema_migration on a real database where Pop's table and schema are created by hand. */
@ExtendWith(EmbeddedPostgresExtension.class)
class PopAdoptionTest {

    @TempDir
    Path tmp;

    /** The state 'milmove migrate' leaves: two of three migrations applied, recorded by version in Pop's table. */
    private MigrationFolder popMigratedDatabase(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("20180101000000_create_a.up.sql", "CREATE TABLE a (x int);");
        m.write("20180102000000_create_b.up.fizz", "create_table(\"b\") {\n  t.Column(\"id\", \"uuid\", {primary: true})\n}\n");
        m.write("20180103000000_create_c.up.sql", "CREATE TABLE c (x int);");
        db.execute("CREATE TABLE schema_migration (version varchar(14) NOT NULL);"
                + " CREATE UNIQUE INDEX schema_migration_version_idx ON schema_migration (version);"
                + " CREATE TABLE a (x int); CREATE TABLE b (id uuid PRIMARY KEY);"
                + " INSERT INTO schema_migration VALUES ('20180101000000'), ('20180102000000'), ('20170101000000');");
        return m;
    }

    private Settings.Builder config(TestDatabase db, MigrationFolder m, List<Problem> warnings) {
        return Bascule.configure().database(db.admin()).locations(m.path()).lockWait(Duration.ofSeconds(5))
                .listener(new MigrationListener() {
                    @Override
                    public void warning(Problem problem) {
                        warnings.add(problem);
                    }
                });
    }

    @Test
    void adoptsPopVersionsWithCurrentChecksumsThenMigrateRunsOnlyTheRest(TestDatabase db) {
        MigrationFolder m = popMigratedDatabase(db);
        List<Problem> warnings = new ArrayList<>();
        Bascule bascule = config(db, m, warnings).load();

        HistoryAdopter.Result result = bascule.adoptPop();
        assertThat(result.adopted()).extracting(x -> x.fileName())
                .containsExactly("20180101000000_create_a.up.sql", "20180102000000_create_b.up.fizz");
        assertThat(result.unknown()).singleElement().extracting(Problem::message).asString()
                .contains("'20170101000000'").contains("no versioned stage lists");
        assertThat(warnings).hasSize(1);
        assertThat(db.column("SELECT version || ' ' || applied_by || ' ' || (checksum = encode(sha256(convert_to("
                + "'CREATE TABLE a (x int);', 'UTF8')), 'hex')) FROM bascule_schema_migrations ORDER BY version"))
                .containsExactly("20180101000000 pop-adopt true", "20180102000000 pop-adopt false");

        assertThat(bascule.migrate().applied()).extracting(x -> x.fileName()).containsExactly("20180103000000_create_c.up.sql");
        assertThat(db.tableExists("c")).isTrue();

        HistoryAdopter.Result again = bascule.adoptPop();
        assertThat(again.adopted()).isEmpty();
        assertThat(again.alreadyRecorded()).isEqualTo(2);
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations")).containsExactly("3");
    }

    @Test
    void adoptPopSettingAdoptsOnTheFirstMigrateOnly(TestDatabase db) {
        MigrationFolder m = popMigratedDatabase(db);
        List<Problem> warnings = new ArrayList<>();
        MigrateResult first = config(db, m, warnings).adoptPop(true).load().migrate();
        // Without adoption, create_a would run again and fail: table "a" already exists.
        assertThat(first.applied()).extracting(x -> x.fileName()).containsExactly("20180103000000_create_c.up.sql");
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations WHERE applied_by = 'pop-adopt'"))
                .containsExactly("2");

        // History exists now: a version Pop records later is not adopted behind Bascule's back.
        db.execute("INSERT INTO schema_migration VALUES ('20180103000000')");
        m.write("20180104000000_create_d.up.sql", "CREATE TABLE d (x int);");
        assertThat(config(db, m, warnings).adoptPop(true).load().migrate().applied()).hasSize(1);
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations WHERE applied_by = 'pop-adopt'"))
                .containsExactly("2");
    }

    @Test
    void withoutPopTableAdoptionSaysSoAndRecordsNothing(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "CREATE TABLE a (x int);");
        HistoryAdopter.Result result = config(db, m, new ArrayList<>()).load().adoptPop();
        assertThat(result.adopted()).isEmpty();
        assertThat(result.unknown()).singleElement().extracting(Problem::message).asString()
                .contains("no Pop history table 'schema_migration'");
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations")).containsExactly("0");
    }
}
