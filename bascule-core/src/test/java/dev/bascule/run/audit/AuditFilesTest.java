package dev.bascule.run.audit;

import dev.bascule.Bascule;
import dev.bascule.Settings;
import dev.bascule.error.BasculeException;
import dev.bascule.run.MigrationListener;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code -- bascule:audit}: the exact CSV files of pre, change and post, through migrate. */
@ExtendWith(EmbeddedPostgresExtension.class)
class AuditFilesTest {

    @TempDir
    Path tmp;

    private final List<AuditFile> listed = new CopyOnWriteArrayList<>();

    private Settings.Builder config(TestDatabase db, MigrationFolder m) {
        return Bascule.configure().database(db.admin()).locations(m.path()).baseDir(tmp).listener(new MigrationListener() {
            @Override
            public void auditFiles(List<AuditFile> files) {
                listed.addAll(files);
            }
        });
    }

    private String read(String file) throws IOException {
        return Files.readString(tmp.resolve(file), StandardCharsets.UTF_8);
    }

    private static MigrationFolder notes(Path dir) {
        MigrationFolder m = new MigrationFolder(dir);
        m.write("1_create_notes.up.sql", "CREATE TABLE notes (id int PRIMARY KEY, body text, status text NOT NULL);\n"
                + "INSERT INTO notes VALUES (1, 'plain', 'draft'), (2, 'a, comma', 'draft'), (3, 'say \"hi\"', 'draft'),"
                + " (4, E'two\\nlines', 'draft'), (5, NULL, 'draft'), (6, '', 'draft'), (7, 'kept', 'done');\n");
        return m;
    }

    @Test
    void preChangeAndPostRowsGoToExactRfc4180Files(TestDatabase db) throws IOException {
        MigrationFolder m = notes(tmp.resolve("m"));
        m.write("2_publish_drafts.up.sql", "-- bascule:data\n"
                + "-- bascule:audit pre\n"
                + "SELECT id, body, status FROM notes WHERE status = 'draft' ORDER BY id;\n"
                + "-- bascule:audit change\n"
                + "UPDATE notes SET status = 'published' WHERE status = 'draft' RETURNING id, body, status;\n"
                + "-- bascule:audit post count-only\n"
                + "SELECT id FROM notes WHERE status = 'published';\n");
        config(db, m).load().migrate();

        String rows = "\"1\",\"plain\",\"%s\"\r\n\"2\",\"a, comma\",\"%s\"\r\n\"3\",\"say \"\"hi\"\"\",\"%s\"\r\n"
                + "\"4\",\"two\nlines\",\"%s\"\r\n\"5\",,\"%s\"\r\n\"6\",\"\",\"%s\"\r\n";
        assertThat(read("audit/2_publish_drafts/pre.csv"))
                .isEqualTo("\"id\",\"body\",\"status\"\r\n" + rows.replace("%s", "draft"));
        assertThat(read("audit/2_publish_drafts/change.csv"))
                .isEqualTo("\"id\",\"body\",\"status\"\r\n" + rows.replace("%s", "published"));
        assertThat(read("audit/2_publish_drafts/post.csv")).isEqualTo("\"count\"\r\n\"6\"\r\n");
        assertThat(listed).extracting(f -> tmp.relativize(f.path()) + " " + f.step() + " " + f.rows() + " " + f.countOnly())
                .containsExactly("audit/2_publish_drafts/pre.csv PRE 6 false",
                        "audit/2_publish_drafts/change.csv CHANGE 6 false",
                        "audit/2_publish_drafts/post.csv POST 6 true");
    }

    @Test
    void aBatchedChangeAppendsEachBatchAndAResumedRunContinuesTheFile(TestDatabase db) throws IOException {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        // A deferred constraint trigger refuses id 8 at commit, after the batch's RETURNING rows were written.
        m.write("1_items.up.sql", "CREATE TABLE items (id int PRIMARY KEY, flag boolean NOT NULL, n int NOT NULL DEFAULT 0);\n"
                + "INSERT INTO items (id, flag) SELECT g, g % 3 <> 0 FROM generate_series(1, 10) g;\n"
                + "CREATE TABLE allow_eight (ok boolean);\n"
                + "CREATE FUNCTION refuse_eight() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN\n"
                + "  IF NEW.id = 8 AND NOT EXISTS (SELECT FROM allow_eight) THEN RAISE EXCEPTION 'eight refused'; END IF;\n"
                + "  RETURN NULL; END $$;\n"
                + "CREATE CONSTRAINT TRIGGER refuse_eight AFTER UPDATE ON items DEFERRABLE INITIALLY DEFERRED\n"
                + "  FOR EACH ROW EXECUTE FUNCTION refuse_eight();\n");
        m.write("2_clear_flags.up.sql", "-- bascule:data\n"
                + "-- bascule:audit pre count-only\n"
                + "SELECT id FROM items WHERE flag;\n"
                + "-- bascule:batch size=3\n"
                + "-- bascule:audit change\n"
                + "UPDATE items SET flag = false, n = n + 1 WHERE flag RETURNING id, n;\n");
        // Batches (.., 3] and (3, 6] commit; (6, 9] fails at its commit, so its rows leave change.csv again.
        assertThatThrownBy(() -> config(db, m).load().migrate()).isInstanceOf(BasculeException.MigrationFailed.class)
                .hasMessageContaining("2_clear_flags.up.sql:6").hasMessageContaining("eight refused")
                .hasMessageContaining("batch 3");
        assertThat(read("audit/2_clear_flags/change.csv"))
                .isEqualTo("\"id\",\"n\"\r\n\"1\",\"1\"\r\n\"2\",\"1\"\r\n\"4\",\"1\"\r\n\"5\",\"1\"\r\n");
        assertThat(listed).extracting(f -> f.path().getFileName() + " " + f.rows())
                .containsExactly("pre.csv 7", "change.csv 4");

        listed.clear();
        db.execute("INSERT INTO allow_eight VALUES (true)");
        config(db, m).load().migrate();
        assertThat(read("audit/2_clear_flags/change.csv")).isEqualTo("\"id\",\"n\"\r\n\"1\",\"1\"\r\n\"2\",\"1\"\r\n"
                + "\"4\",\"1\"\r\n\"5\",\"1\"\r\n\"7\",\"1\"\r\n\"8\",\"1\"\r\n\"10\",\"1\"\r\n");
        assertThat(read("audit/2_clear_flags/pre.csv")).as("the pre step committed before; it is not run again")
                .isEqualTo("\"count\"\r\n\"7\"\r\n");
        assertThat(listed).extracting(f -> f.path().getFileName() + " " + f.rows()).containsExactly("change.csv 3");
    }

    @Test
    void aRolledBackMigrationLeavesNoAuditFiles(TestDatabase db) {
        MigrationFolder m = notes(tmp.resolve("m"));
        m.write("2_fails.up.sql", "-- bascule:data\n-- bascule:audit pre\nSELECT id FROM notes ORDER BY id;\n"
                + "-- bascule:audit change\nDELETE FROM notes WHERE id < 3 RETURNING id;\nSELECT 1 / 0;\n");
        assertThatThrownBy(() -> config(db, m).load().migrate()).hasMessageContaining("2_fails.up.sql:6")
                .hasMessageContaining("rolled back");
        assertThat(tmp.resolve("audit/2_fails")).isEmptyDirectory();
        assertThat(listed).isEmpty();
        assertThat(db.column("SELECT count(*) FROM notes")).containsExactly("7");
    }

    @Test
    void auditFilesOfSecureMigrationsAreOwnerOnlyAndTheFolderIsConfigurable(TestDatabase db) throws IOException {
        MigrationFolder m = notes(tmp.resolve("secure"));
        m.write("2_secret_fix.up.sql", "-- bascule:audit change\nUPDATE notes SET body = 'x' WHERE id = 1 RETURNING id;\n");
        config(db, m).secureLocations(m.path()).auditDir("records/audit").load().migrate();
        Path file = tmp.resolve("records/audit/2_secret_fix/change.csv");
        assertThat(Files.readString(file)).isEqualTo("\"id\"\r\n\"1\"\r\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void auditsThatCannotWorkAreRefusedWithFileAndLineBeforeAnythingRuns(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_create.up.sql", "CREATE TABLE t (id int PRIMARY KEY, v text);");
        m.write("2_bad.up.sql", "-- bascule:data\n"
                + "-- bascule:audit change\n"
                + "UPDATE t SET v = 'x';\n"
                + "-- bascule:audit pre\n"
                + "DELETE FROM t RETURNING id;\n"
                + "-- bascule:audit post sideways\n"
                + "SELECT 1;\n"
                + "-- bascule:audit pre\n"
                + "SELECT id INTO copy_of_t FROM t;\n"
                + "-- bascule:audit change\n"
                + "WITH gone AS (DELETE FROM t RETURNING id) SELECT id FROM gone;\n");
        assertThatThrownBy(() -> config(db, m).load().migrate()).isInstanceOfSatisfying(BasculeException.ValidationFailed.class,
                e -> assertThat(e.problems()).extracting(Object::toString).anySatisfy(p -> assertThat(p)
                                .startsWith(m.resolve("2_bad.up.sql") + ":3: bascule:audit change on a statement without RETURNING"))
                        .anySatisfy(p -> assertThat(p).startsWith(m.resolve("2_bad.up.sql") + ":5: bascule:audit pre needs a"
                                + " SELECT").contains("starts with DELETE"))
                        .anySatisfy(p -> assertThat(p).startsWith(m.resolve("2_bad.up.sql") + ":6: bascule:audit unknown"
                                + " audit option 'sideways'"))
                        .anySatisfy(p -> assertThat(p).startsWith(m.resolve("2_bad.up.sql") + ":8: a second"
                                + " bascule:audit pre in this file (the first is at line 4)"))
                        .anySatisfy(p -> assertThat(p).startsWith(m.resolve("2_bad.up.sql") + ":9: bascule:audit pre on"
                                + " SELECT ... INTO"))
                        .anySatisfy(p -> assertThat(p).startsWith(m.resolve("2_bad.up.sql") + ":11: bascule:audit change"
                                + " needs a data statement")));
        assertThat(db.tableExists("t")).isFalse();
    }
}
