package dev.bascule.run;

import dev.bascule.Bascule;
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

/** The bad inputs of down that {@link DownTest} does not cover: a failed migration, a down file without its up. */
@ExtendWith(EmbeddedPostgresExtension.class)
class DownBadInputTest {

    @TempDir
    Path tmp;

    @Test
    void theDownOfAMigrationThatFailedIsRefused(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "CREATE TABLE a (x int);");
        m.write("1_a.down.sql", "DROP TABLE a;");
        m.write("2_half.up.sql", "-- bascule:no-transaction\nCREATE TABLE half (x int);\nSELECT 1 / 0;");
        m.write("2_half.down.sql", "DROP TABLE half;");
        Bascule bascule = Bascule.configure().database(db.admin()).locations(m.path()).dev(true).load();
        assertThatThrownBy(bascule::migrate).isInstanceOf(BasculeException.MigrationFailed.class);
        assertThatThrownBy(() -> bascule.down(Optional.empty(), Optional.of(1), false))
                .isInstanceOf(BasculeException.ValidationFailed.class)
                .hasMessageContaining("2_half.up.sql: failed and is only partly applied")
                .hasMessageContaining("run 'bascule repair' first");
        assertThat(db.tableExists("half")).isTrue();
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations")).containsExactly("2");
    }

    @Test
    void aDownFileWithoutItsUpIsRefusedNamingIt(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "CREATE TABLE a (x int);");
        m.write("1_a.down.sql", "DROP TABLE a;");
        m.write("2_create_b.down.sql", "DROP TABLE b;");
        Bascule bascule = Bascule.configure().database(db.admin()).locations(m.path()).dev(true).load();
        bascule.migrate();
        assertThatThrownBy(() -> bascule.down(Optional.empty(), Optional.of(1), false))
                .isInstanceOf(BasculeException.ValidationFailed.class)
                .hasMessageContaining(m.resolve("2_create_b.down.sql") + ": is a down file without its up: there is no"
                        + " 2_create_b.up.sql in its folder; rename it to match the up migration it undoes, or delete it");
        assertThat(db.tableExists("a")).isTrue();
    }
}
