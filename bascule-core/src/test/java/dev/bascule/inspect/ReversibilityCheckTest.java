package dev.bascule.inspect;

import dev.bascule.Bascule;
import dev.bascule.Settings;
import dev.bascule.catalog.Version;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** check-reversible on real PostgreSQL: up, down, up again on a shadow database, compared by schema snapshots. */
@ExtendWith(EmbeddedPostgresExtension.class)
class ReversibilityCheckTest {

    @TempDir
    Path tmp;

    private static Settings.Builder config(Database database, MigrationFolder m) {
        return Bascule.configure().database(database).locations(m.path());
    }

    private static List<String> shadows(TestDatabase db) {
        return db.column("SELECT datname FROM pg_database WHERE datname LIKE 'bascule\\_shadow\\_%'");
    }

    @Test
    void onlyPendingMigrationsAreCheckedAfterTheAppliedOnesAndTheTargetIsLeftAlone(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_moves.up.sql", "CREATE TABLE moves (id int PRIMARY KEY, status text);");
        m.write("1_moves.down.sql", "DROP TABLE moves;");
        m.write("2_legs.up.sql", "CREATE TABLE legs (id int, move_id int REFERENCES moves);\nCREATE INDEX legs_move ON legs (move_id);"
                + "\nALTER TABLE moves ADD COLUMN note text;\nCOMMENT ON COLUMN moves.note IS 'free text';");
        m.write("2_legs.down.sql", "ALTER TABLE moves DROP COLUMN note;\nDROP TABLE legs;");
        m.write("3_idx.up.sql", "-- bascule:no-transaction\nCREATE INDEX CONCURRENTLY moves_status ON moves (status);");
        m.write("3_idx.down.sql", "-- bascule:no-transaction\nDROP INDEX CONCURRENTLY moves_status;");
        config(db.admin(), m).target(Version.parse("1")).load().migrate();
        List<String> shadowsBefore = shadows(db);

        ReversibilityReport report = config(db.admin(), m).load().checkReversible(false);

        assertThat(report.checks()).extracting(c -> c.migration().fileName()).containsExactly("2_legs.up.sql", "3_idx.up.sql");
        assertThat(report.checks()).allSatisfy(c -> assertThat(c.failures()).isEmpty());
        assertThat(report.failed()).isFalse();
        assertThat(report.render()).contains("2_legs.up.sql: ok", "3_idx.up.sql: ok", "all 2 migration(s) checked are reversible");
        assertThat(db.column("SELECT version FROM bascule_schema_migrations")).containsExactly("1");
        assertThat(db.tableExists("legs")).isFalse();
        assertThat(shadows(db)).isEqualTo(shadowsBefore);

        config(db.admin(), m).load().migrate();
        assertThat(config(db.admin(), m).load().checkReversible(false).render())
                .startsWith("nothing to check: no migration is pending here");
    }

    @Test
    void findsADownThatForgetsAnIndexAndOneThatDropsAColumnTheUpDidNotAdd(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_t.up.sql", "CREATE TABLE t (a int, keep text);");
        m.write("1_t.down.sql", "DROP TABLE t;");
        m.write("2_forgets_index.up.sql", "CREATE INDEX t_a_idx ON t (a);\nALTER TABLE t ADD COLUMN b int;");
        m.write("2_forgets_index.down.sql", "ALTER TABLE t DROP COLUMN b;");
        m.write("3_drops_too_much.up.sql", "ALTER TABLE t ADD COLUMN c int;");
        m.write("3_drops_too_much.down.sql", "ALTER TABLE t DROP COLUMN c;\nALTER TABLE t DROP COLUMN keep;");
        m.write("4_u.up.sql", "CREATE TABLE u (x int);");
        m.write("4_u.down.sql", "DROP TABLE u;");
        m.write("5_no_down.up.sql", "CREATE TABLE v (x int);");
        List<String> shadowsBefore = shadows(db);

        ReversibilityReport report = config(db.admin(), m).load().checkReversible(true);

        List<MigrationCheck> checks = report.checks();
        assertThat(checks).extracting(c -> c.migration().fileName()).containsExactly("1_t.up.sql",
                "2_forgets_index.up.sql", "3_drops_too_much.up.sql", "4_u.up.sql", "5_no_down.up.sql");
        assertThat(checks.get(0).ok()).isTrue();

        assertThat(checks.get(1).failures()).hasSize(2);
        MigrationCheck.DownIncomplete leftIndex = (MigrationCheck.DownIncomplete) checks.get(1).failures().get(0);
        assertThat(leftIndex.changes().added()).containsExactly("index public.t_a_idx");
        assertThat(leftIndex.changes().lost()).isEmpty();
        assertThat(checks.get(1).failures().get(1)).isInstanceOfSatisfying(MigrationCheck.UpNotRepeatable.class,
                f -> assertThat(f.error()).hasValueSatisfying(e -> assertThat(e).contains("t_a_idx").contains("already exists")));

        MigrationCheck.DownIncomplete lostColumn = (MigrationCheck.DownIncomplete) checks.get(2).failures().get(0);
        assertThat(lostColumn.changes().lost()).containsExactly("column keep of table public.t");
        assertThat(checks.get(2).failures().get(1)).isInstanceOf(MigrationCheck.UpNotRepeatable.class);
        assertThat(checks.get(2).warnings()).singleElement().asString()
                .contains("3_drops_too_much.down.sql:2: drops column t.keep, which 3_drops_too_much.up.sql did not create");

        // Checked from a fresh shadow with 1 to 3 applied as written, so the broken downs do not spill over.
        assertThat(checks.get(3).ok()).isTrue();
        assertThat(checks.get(4).failures()).singleElement().isInstanceOf(MigrationCheck.NoDownFile.class);

        assertThat(report.failed()).isTrue();
        assertThat(report.render()).contains(
                "2_forgets_index.up.sql: down left index public.t_a_idx behind; up not repeatable: it failed after the down\n"
                        + "    index public.t_a_idx: missing in the database before the up\n",
                "3_drops_too_much.up.sql: down lost column keep of table public.t; up not repeatable: the second up gave"
                        + " another schema\n",
                "      column keep: text (missing in the database after the down)",
                "5_no_down.up.sql: no down file (write 5_no_down.down.sql beside it)",
                "3 of 5 migration(s) are not reversible");
        assertThat(shadows(db)).isEqualTo(shadowsBefore);
        assertThat(db.tableExists("t")).isFalse();
    }

    @Test
    void anUpThatFailsStopsTheCheckAndTheRestIsNotChecked(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_bad.up.sql", "CREATE TABLE x (a int);\nSELECT 1 / 0;");
        m.write("1_bad.down.sql", "DROP TABLE x;");
        m.write("2_later.up.sql", "CREATE TABLE y (a int);");
        m.write("2_later.down.sql", "DROP TABLE y;");
        ReversibilityReport report = config(db.admin(), m).load().checkReversible(false);
        assertThat(report.checks()).singleElement().satisfies(c -> assertThat(c.outcome()).isEqualTo("up failed"));
        assertThat(report.notChecked()).extracting(x -> x.fileName()).containsExactly("2_later.up.sql");
        assertThat(report.render()).contains("division by zero", "not checked, since an earlier up failed: 2_later.up.sql");
        assertThat(report.failed()).isTrue();
    }

    @Test
    void aLoginThatMayNotCreateDatabasesIsToldWhichPrivilegeItNeeds(TestDatabase db) {
        String role = "nocreate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        db.execute("CREATE ROLE " + role + " LOGIN NOCREATEDB PASSWORD 'pw-42'");
        try {
            MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
            m.write("1_a.up.sql", "CREATE TABLE a (x int);");
            m.write("1_a.down.sql", "DROP TABLE a;");
            assertThatThrownBy(() -> config(new Database(db.url(), role, "pw-42"), m).load().checkReversible(true))
                    .isInstanceOf(BasculeException.Configuration.class)
                    .hasMessageContaining("may not create databases")
                    .hasMessageContaining("CREATEDB privilege (ALTER ROLE \"" + role + "\" CREATEDB)")
                    .hasMessageContaining("--embedded")
                    .hasMessageNotContaining("pw-42");
        } finally {
            db.execute("DROP ROLE " + role);
        }
    }

    @Test
    void aDownFileWithoutItsUpIsRefusedBeforeAnythingRuns(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "CREATE TABLE a (x int);");
        m.write("1_a.down.sql", "DROP TABLE a;");
        m.write("2_renamed.down.sql", "DROP TABLE b;");
        assertThatThrownBy(() -> config(db.admin(), m).load().checkReversible(true))
                .isInstanceOf(BasculeException.ValidationFailed.class)
                .hasMessageContaining("2_renamed.down.sql: is a down file without its up: there is no 2_renamed.up.sql");
    }
}
