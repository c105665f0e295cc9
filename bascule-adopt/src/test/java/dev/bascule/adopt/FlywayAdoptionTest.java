package dev.bascule.adopt;

import dev.bascule.Bascule;
import dev.bascule.catalog.Migration;
import dev.bascule.error.BasculeException;
import dev.bascule.run.HistoryAdopter;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database really migrated by Flyway 13 (flyway-core, the same library Flyway's command line runs), then
 * {@code bascule import flyway} + {@code adopt flyway} + {@code migrate}: only the files Flyway had not applied run.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
@Timeout(120) // Flyway's own waits have no limit: a test that hangs fails instead
class FlywayAdoptionTest {

    @TempDir
    Path tmp;

    /** What Flyway applied: versions 1, 1.1, 1.2, 1.10 (a concurrent index: Flyway ran it without a transaction), a view. */
    private MigrationFolder flywayProject() {
        MigrationFolder f = new MigrationFolder(tmp.resolve("flyway"));
        f.write("V1__create_users.sql", "CREATE TABLE users (id bigserial PRIMARY KEY, name text NOT NULL);\n");
        f.write("V1_1__add_email.sql", "ALTER TABLE users ADD COLUMN email text;\r\nCOMMENT ON COLUMN users.email IS 'login';\r\n");
        f.write("V1_2__create_orders.sql", "CREATE TABLE orders (id bigserial PRIMARY KEY,\n"
                + "  user_id bigint NOT NULL REFERENCES users (id), total numeric(10, 2));\n");
        f.write("V1_10__index_orders.sql", "CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);\n");
        f.writeBytes("R__user_summary.sql", ("\uFEFFCREATE OR REPLACE VIEW user_summary AS\n"
                + "  SELECT u.id, u.name, count(o.id) AS orders FROM users u LEFT JOIN orders o ON o.user_id = u.id\n"
                + "  GROUP BY u.id, u.name;\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return f;
    }

    /** What the team wrote after Flyway's last run. */
    private static void newerFiles(MigrationFolder f) {
        f.write("V2__add_status.sql", "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';\n");
        f.write("V2_1__create_payments.sql", "CREATE TABLE payments (id bigserial PRIMARY KEY,"
                + " order_id bigint NOT NULL REFERENCES orders (id), amount numeric(10, 2) NOT NULL);\n");
    }

    private static Flyway flyway(TestDatabase db, MigrationFolder f) {
        return configure(db, f).load();
    }

    /**
     * Flyway as a team runs it. Its default transaction-level lock keeps a transaction open on a second
     * connection, which a concurrent index build waits for forever; Flyway's documented answer is turning it off
     * (flyway.postgresql.transactional.lock=false).
     */
    static FluentConfiguration configure(TestDatabase db, MigrationFolder f) {
        FluentConfiguration configuration = Flyway.configure().dataSource(db.url(), "postgres", null)
                .locations("filesystem:" + f.path());
        configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return configuration;
    }

    private static List<String> fileNames(List<Migration> migrations) {
        return migrations.stream().map(Migration::fileName).toList();
    }

    @Test
    void adoptThenMigrateAppliesOnlyTheFilesFlywayHadNotApplied(TestDatabase db, TestDatabase flywayOnly) {
        MigrationFolder f = flywayProject();
        flyway(db, f).migrate();
        List<String> flywayRows = db.column("SELECT installed_rank || ' ' || script || ' ' || success FROM flyway_schema_history ORDER BY 1");
        newerFiles(f);
        ImportedProject project = ImportedProject.importInto(tmp.resolve("app"), "flyway", f.dir());
        Bascule bascule = project.bascule(db);

        HistoryAdopter.Result adopted = bascule.adopt("flyway");
        assertThat(fileNames(adopted.adopted())).containsExactly("100_create_users.up.sql", "101_add_email.up.sql",
                "102_create_orders.up.sql", "110_index_orders.up.sql", "1_user_summary.up.sql");
        assertThat(adopted.unknown()).isEmpty();
        assertThat(db.column("SELECT DISTINCT applied_by FROM bascule_schema_migrations")).containsExactly("flyway-adopt");

        assertThat(fileNames(bascule.migrate().applied())).containsExactly("200_add_status.up.sql", "201_create_payments.up.sql");
        assertThat(project.warnings).isEmpty();
        // Flyway's table stays as Flyway left it.
        assertThat(db.column("SELECT installed_rank || ' ' || script || ' ' || success FROM flyway_schema_history ORDER BY 1"))
                .isEqualTo(flywayRows);

        HistoryAdopter.Result again = bascule.adopt("flyway");
        assertThat(again.adopted()).isEmpty();
        assertThat(again.alreadyRecorded()).isEqualTo(5);

        flyway(flywayOnly, f).migrate();
        assertThat(SchemaSnapshot.of(db)).isEqualTo(SchemaSnapshot.of(flywayOnly)).isNotEmpty();
    }

    @Test
    void adoptFlywayInBasculeYmlAdoptsOnTheFirstMigrate(TestDatabase db) {
        MigrationFolder f = flywayProject();
        flyway(db, f).migrate();
        newerFiles(f);
        ImportedProject project = ImportedProject.importInto(tmp.resolve("app"), "flyway", f.dir());
        // Without adoption every file would run again and create_users would fail: the table exists.
        assertThat(fileNames(project.bascule(db, "adopt: flyway").migrate().applied()))
                .containsExactly("200_add_status.up.sql", "201_create_payments.up.sql");
    }

    @Test
    void ourChecksumIsFlywaysOwnForEveryRow(TestDatabase db) throws Exception {
        MigrationFolder f = flywayProject();
        newerFiles(f);
        flyway(db, f).migrate();
        List<String> rows = db.column("SELECT script || '=' || checksum FROM flyway_schema_history ORDER BY installed_rank");
        assertThat(rows).hasSize(7);
        for (String row : rows) {
            String script = row.substring(0, row.indexOf('='));
            String text = new String(Files.readAllBytes(f.resolve(script)), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(script + "=" + FlywayChecksum.of(text)).isEqualTo(row);
        }
    }

    @Test
    void aChangedRepeatableIsNotAdoptedAndRunsOnTheNextMigrate(TestDatabase db) {
        MigrationFolder f = flywayProject();
        flyway(db, f).migrate();
        f.write("R__user_summary.sql", "CREATE OR REPLACE VIEW user_summary AS\n"
                + "  SELECT u.id, u.name, count(o.id) AS orders, u.email FROM users u LEFT JOIN orders o ON o.user_id = u.id\n"
                + "  GROUP BY u.id, u.name, u.email;\n");
        ImportedProject project = ImportedProject.importInto(tmp.resolve("app"), "flyway", f.dir());
        Bascule bascule = project.bascule(db);

        HistoryAdopter.Result adopted = bascule.adopt("flyway");
        assertThat(fileNames(adopted.adopted())).hasSize(4).doesNotContain("1_user_summary.up.sql");
        assertThat(adopted.unknown()).singleElement().asString().contains("1_user_summary.up.sql")
                .contains("changed since Flyway last ran it");
        assertThat(fileNames(bascule.migrate().applied())).containsExactly("1_user_summary.up.sql");
        assertThat(db.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'user_summary'"))
                .contains("email");
    }

    @Test
    void aBaselinedDatabaseAdoptsEverythingUpToTheBaseline(TestDatabase db) {
        MigrationFolder f = flywayProject();
        // Versions 1 and 1.1 were applied before Flyway came: the team baselined at 1.1.
        db.execute("CREATE TABLE users (id bigserial PRIMARY KEY, name text NOT NULL); ALTER TABLE users ADD COLUMN email text;"
                + " COMMENT ON COLUMN users.email IS 'login';");
        configure(db, f).baselineOnMigrate(true).baselineVersion("1.1").load().migrate();
        assertThat(db.column("SELECT type || ' ' || version FROM flyway_schema_history ORDER BY installed_rank"))
                .startsWith("BASELINE 1.1");
        ImportedProject project = ImportedProject.importInto(tmp.resolve("app"), "flyway", f.dir());
        Bascule bascule = project.bascule(db);

        assertThat(fileNames(bascule.adopt("flyway").adopted())).containsExactly("100_create_users.up.sql",
                "101_add_email.up.sql", "102_create_orders.up.sql", "110_index_orders.up.sql", "1_user_summary.up.sql");
        assertThat(bascule.migrate().applied()).isEmpty();
    }

    @Test
    void aFailedFlywayMigrationIsRefusedWithWhatToDo(TestDatabase db) {
        MigrationFolder f = flywayProject();
        // Runs without a transaction (concurrent index), so Flyway records its failure.
        f.write("V3__bad_index.sql", "CREATE INDEX CONCURRENTLY users_missing_idx ON users (no_such_column);\n");
        assertThatThrownBy(() -> flyway(db, f).migrate()).isInstanceOf(FlywayException.class);
        assertThat(db.column("SELECT success FROM flyway_schema_history WHERE version = '3'")).containsExactly("f");
        ImportedProject project = ImportedProject.importInto(tmp.resolve("app"), "flyway", f.dir());

        assertThatThrownBy(() -> project.bascule(db).adopt("flyway"))
                .isInstanceOf(BasculeException.ValidationFailed.class)
                .hasMessageContaining("V3__bad_index.sql (installed_rank 5, version 3) as failed")
                .hasMessageContaining("flyway repair").hasMessageContaining("bascule adopt flyway");
        assertThat(db.column("SELECT count(*) FROM bascule_schema_migrations")).containsExactly("0");
    }

    @Test
    void withoutFlywaysTableAdoptionSaysSo(TestDatabase db) {
        MigrationFolder f = flywayProject();
        ImportedProject project = ImportedProject.importInto(tmp.resolve("app"), "flyway", f.dir());
        HistoryAdopter.Result result = project.bascule(db).adopt("flyway");
        assertThat(result.adopted()).isEmpty();
        assertThat(result.unknown()).singleElement().asString().contains("no Flyway history table 'flyway_schema_history'");
    }
}
