package dev.bascule.run;

import dev.bascule.Bascule;
import dev.bascule.catalog.Migration;
import dev.bascule.error.BasculeException;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Data migrations through migrate: interleaved with schema ones by version, batched statements, progress events. */
@ExtendWith(EmbeddedPostgresExtension.class)
class DataMigrationTest {

    @TempDir
    Path tmp;

    @Test
    void schemaAndDataMigrationsShareOneVersionOrderAndBatchesRunThroughMigrate(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_create.up.sql", "CREATE TABLE moves (id bigint PRIMARY KEY, status text);\n"
                + "INSERT INTO moves SELECT g, CASE WHEN g % 3 = 0 THEN 'DRAFT' ELSE 'draft' END FROM generate_series(1, 5000) g;");
        m.write("2_lower_status.up.sql", "-- bascule:data\n-- bascule:batch size=700\n"
                + "UPDATE moves SET status = lower(status) WHERE status <> lower(status);\n");
        m.write("3_add_check.up.sql", "ALTER TABLE moves ADD CONSTRAINT status_lower CHECK (status = lower(status));");
        List<MigrationListener.BatchEvent> events = new CopyOnWriteArrayList<>();
        List<Migration> applied = Bascule.configure().database(db.admin()).locations(m.path())
                .listener(new MigrationListener() {
                    @Override
                    public void batch(Migration migration, BatchEvent event) {
                        events.add(event);
                    }
                }).load().migrate().applied();
        assertThat(applied).extracting(x -> x.fileName() + " " + x.kind().label())
                .containsExactly("1_create.up.sql schema", "2_lower_status.up.sql data", "3_add_check.up.sql schema");
        assertThat(db.column("SELECT version || ' ' || kind FROM bascule_schema_migrations ORDER BY version"))
                .containsExactly("1 schema", "2 data", "3 schema");
        assertThat(events).hasSizeGreaterThanOrEqualTo(8);
        assertThat(events.get(events.size() - 1).last()).isTrue();
        assertThat(events.get(events.size() - 1).rowsDone()).isEqualTo(1666);
    }

    @Test
    void aBatchDirectiveThatCannotWorkIsRefusedBeforeAnythingRuns(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_create.up.sql", "CREATE TABLE t (a int);");
        m.write("2_bad.up.sql", "-- bascule:batch size=10\nSELECT 1;\n");
        assertThatThrownBy(() -> Bascule.configure().database(db.admin()).locations(m.path()).load().migrate())
                .isInstanceOf(BasculeException.ValidationFailed.class).hasMessageContaining("2_bad.up.sql:2");
        assertThat(db.tableExists("t")).isFalse();
    }
}
