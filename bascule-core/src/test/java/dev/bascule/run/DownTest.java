package dev.bascule.run;

import dev.bascule.Bascule;
import dev.bascule.Settings;
import dev.bascule.catalog.Version;
import dev.bascule.error.BasculeException;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code down}: newest first, each down with its history row, everything checked before anything runs. */
@ExtendWith(EmbeddedPostgresExtension.class)
class DownTest {

    @TempDir
    Path tmp;

    private MigrationFolder threeWithDowns() {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "CREATE TABLE a (x int);");
        m.write("1_a.down.sql", "DROP TABLE a;");
        m.write("2_b.up.sql", "CREATE TABLE b (x int);");
        m.write("2_b.down.sql", "DROP TABLE b;");
        m.write("3_c.up.sql", "CREATE TABLE c (x int);\nCREATE INDEX c_x ON c (x);");
        m.write("3_c.down.sql", "-- bascule:no-transaction\nDROP INDEX CONCURRENTLY c_x;\nDROP TABLE c;");
        return m;
    }

    private Settings.Builder config(TestDatabase db, MigrationFolder m) {
        return Bascule.configure().database(db.admin()).locations(m.path()).dev(true);
    }

    @Test
    void stepsAndToUndoNewestFirstAndRemoveTheRows(TestDatabase db) {
        MigrationFolder m = threeWithDowns();
        Bascule bascule = config(db, m).load();
        bascule.migrate();
        assertThat(bascule.down(Optional.empty(), Optional.of(1), false)).extracting(x -> x.fileName()).containsExactly("3_c.up.sql");
        assertThat(db.tableExists("c")).isFalse();
        assertThat(bascule.down(Optional.of(Version.parse("1")), Optional.empty(), false)).extracting(x -> x.fileName())
                .containsExactly("2_b.up.sql");
        assertThat(db.column("SELECT version FROM bascule_schema_migrations ORDER BY 1")).containsExactly("1");
        assertThat(bascule.migrate().applied()).hasSize(2);
        assertThat(bascule.downAll(false)).hasSize(3);
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations")).containsExactly("0");
        assertThat(db.tableExists("a")).isFalse();
    }

    @Test
    void badRangesAndMissingDownsAreRefusedBeforeAnythingRuns(TestDatabase db) {
        MigrationFolder m = threeWithDowns();
        m.write("4_d.up.sql", "CREATE TABLE d (x int);");
        Bascule bascule = config(db, m).load();
        bascule.migrate();
        assertThatThrownBy(() -> bascule.down(Optional.empty(), Optional.of(2), false))
                .isInstanceOf(BasculeException.ValidationFailed.class).hasMessageContaining("4_d.up.sql")
                .hasMessageContaining("has no down file: write 4_d.down.sql");
        assertThat(db.tableExists("c")).isTrue();
        assertThatThrownBy(() -> bascule.down(Optional.empty(), Optional.of(9), false))
                .hasMessageContaining("past the first migration");
        assertThatThrownBy(() -> bascule.down(Optional.of(Version.parse("7")), Optional.empty(), false))
                .hasMessageContaining("version 7 is not applied");
        assertThatThrownBy(() -> config(db, m).dev(false).load().down(Optional.empty(), Optional.of(1), false))
                .isInstanceOf(BasculeException.Configuration.class).hasMessageContaining("--yes");
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations")).containsExactly("4");
    }

    @Test
    void aFailingDownIsRolledBackAndItsMigrationStaysApplied(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "CREATE TABLE a (x int);");
        m.write("1_a.down.sql", "DROP TABLE a;\nDROP TABLE not_there;");
        Bascule bascule = config(db, m).load();
        bascule.migrate();
        assertThatThrownBy(() -> bascule.down(Optional.empty(), Optional.of(1), false))
                .isInstanceOfSatisfying(BasculeException.MigrationFailed.class, e -> assertThat(e.getMessage())
                        .contains("1_a.down.sql:2").contains("1_a.up.sql stays applied"));
        assertThat(db.tableExists("a")).isTrue();
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations")).containsExactly("1");
    }
}
