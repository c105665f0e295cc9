package dev.bascule.inspect;

import dev.bascule.Bascule;
import dev.bascule.Settings;
import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;
import dev.bascule.run.MigrationListener;
import dev.bascule.schema.SchemaSnapshot;
import dev.bascule.schema.SnapshotOptions;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** schema-file: written after every successful migrate and down; drift against it or against a replay. */
@ExtendWith(EmbeddedPostgresExtension.class)
class SchemaFileAndDriftTest {

    @TempDir
    Path tmp;

    private final List<Problem> warnings = new ArrayList<>();
    private final MigrationListener listener = new MigrationListener() {
        @Override
        public void warning(Problem problem) {
            warnings.add(problem);
        }
    };

    private MigrationFolder twoMigrations() {
        MigrationFolder m = new MigrationFolder(tmp.resolve("db/migrations"));
        m.write("1_moves.up.sql", "CREATE TABLE moves (id int PRIMARY KEY, status text);");
        m.write("1_moves.down.sql", "DROP TABLE moves;");
        m.write("2_legs.up.sql", "CREATE TABLE legs (id int);");
        m.write("2_legs.down.sql", "DROP TABLE legs;");
        return m;
    }

    private Settings.Builder config(TestDatabase db, MigrationFolder m) {
        return Bascule.configure().database(db.admin()).baseDir(tmp).locations(m.path()).dev(true).listener(listener);
    }

    private static String liveSnapshot(TestDatabase db) throws Exception {
        try (Connection c = db.admin().connect()) {
            return SchemaSnapshot.read(c, SnapshotOptions.defaults()).render();
        }
    }

    @Test
    void migrateAndDownWriteTheSnapshotOfTheDatabaseAfterSuccess(TestDatabase db) throws Exception {
        MigrationFolder m = twoMigrations();
        Path file = tmp.resolve("db/schema.sql");
        Bascule bascule = config(db, m).schemaFile(Path.of("db/schema.sql")).load();
        assertThat(bascule.settings().schemaFile()).contains(file);

        bascule.migrate();
        assertThat(Files.readString(file)).isEqualTo(liveSnapshot(db)).contains("table public.legs\n", "table public.moves\n")
                .doesNotContain("bascule_schema_migrations");

        bascule.down(Optional.empty(), Optional.of(1), false);
        assertThat(Files.readString(file)).isEqualTo(liveSnapshot(db)).doesNotContain("table public.legs");

        m.write("3_broken.up.sql", "CREATE TABLE broken (id int);\nSELECT 1 / 0;");
        assertThatThrownBy(bascule::migrate).isInstanceOf(BasculeException.MigrationFailed.class);
        db.execute("CREATE TABLE by_hand (id int)");
        assertThat(Files.readString(file)).doesNotContain("by_hand").doesNotContain("broken");
        assertThat(warnings).isEmpty();
    }

    @Test
    void aSchemaFileThatCannotBeWrittenIsAWarningAndTheMigrationsStayApplied(TestDatabase db) throws Exception {
        MigrationFolder m = twoMigrations();
        Files.createDirectories(tmp.resolve("db/schema.sql"));
        Bascule bascule = config(db, m).schemaFile(Path.of("db/schema.sql")).load();
        assertThat(bascule.migrate().applied()).hasSize(2);
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations")).containsExactly("2");
        assertThat(warnings).singleElement().asString().startsWith("db/schema.sql: could not write the schema snapshot:")
                .contains("what ran stays applied");
    }

    @Test
    void driftComparesTheDatabaseWithItsSchemaFile(TestDatabase db) {
        MigrationFolder m = twoMigrations();
        Bascule bascule = config(db, m).schemaFile(Path.of("db/schema.sql")).load();
        assertThatThrownBy(() -> bascule.drift(false)).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("the schema file db/schema.sql does not exist yet: run 'bascule migrate'");
        bascule.migrate();
        DriftReport clean = bascule.drift(false);
        assertThat(clean.drifted()).isFalse();
        assertThat(clean.render()).isEqualTo("no drift: the database matches the schema file db/schema.sql\n");

        db.execute("ALTER TABLE moves ADD COLUMN hand_made text; DROP TABLE legs; CREATE INDEX moves_status ON moves (status)");
        DriftReport drift = bascule.drift(false);
        assertThat(drift.drifted()).isTrue();
        assertThat(drift.render()).contains(
                "drift: the database differs from the schema file db/schema.sql\n",
                "  only in the database: column hand_made of table public.moves, index public.moves_status\n",
                "  missing from the database: table public.legs\n",
                "table public.legs: missing in the database\n",
                "index public.moves_status: missing in the schema file db/schema.sql\n");
    }

    @Test
    void driftAgainstAReplayOfTheAppliedMigrations(TestDatabase db) {
        MigrationFolder m = twoMigrations();
        Settings.Builder config = config(db, m);
        config.target(dev.bascule.catalog.Version.parse("1")).load().migrate();
        Bascule bascule = config(db, m).load();
        DriftReport clean = bascule.drift(true);
        assertThat(clean.render()).isEqualTo("note: 1 pending migration(s) are not applied here and not part of the replay\n"
                + "no drift: the database matches a replay of its 1 applied migration(s)\n");

        db.execute("ALTER TABLE moves ALTER COLUMN status SET NOT NULL");
        DriftReport drift = bascule.drift(true);
        assertThat(drift.drifted()).isTrue();
        assertThat(drift.render()).contains("  different: column status of table public.moves\n",
                "  column status: nullable → NOT NULL");
        assertThat(db.column("SELECT datname FROM pg_database WHERE datname LIKE 'bascule\\_shadow\\_%'")).isEmpty();
    }

    @Test
    void driftWithoutASchemaFileAndWithoutReplayIsAConfigurationError(TestDatabase db) {
        Bascule bascule = config(db, twoMigrations()).load();
        assertThatThrownBy(() -> bascule.drift(false)).isInstanceOf(BasculeException.Configuration.class)
                .hasMessage("drift: environment 'default' has no schema file to compare with: set 'schema-file:"
                        + " db/schema.sql' for it in bascule.yml (Bascule writes it after every migrate and down), or"
                        + " compare with a replay of the migrations on a throwaway database: bascule drift --replay");
    }
}
