package dev.bascule.trace;

import dev.bascule.Bascule;
import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;
import dev.bascule.run.MigrationListener;
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

/** Trace on a real PostgreSQL: what each statement really did, on a shadow copy that is always dropped. */
@ExtendWith(EmbeddedPostgresExtension.class)
class TraceTest {

    @TempDir
    Path tmp;

    final List<String> said = new CopyOnWriteArrayList<>();

    private Bascule bascule(TestDatabase db, MigrationFolder m) {
        return Bascule.configure().database(db.admin()).locations(m.path()).baseDir(tmp).listener(new MigrationListener() {
            @Override
            public void info(String message) {
                said.add(message);
            }

            @Override
            public void warning(Problem problem) {
                said.add("WARNING " + problem.message());
            }
        }).load();
    }

    /** A target with one applied migration: moves(id, status) with 1,000 rows. */
    private MigrationFolder appliedMoves(TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("migrations"));
        m.write("1_moves.up.sql", "CREATE TABLE moves (id bigint PRIMARY KEY, status text NOT NULL);\n"
                + "INSERT INTO moves SELECT g, 'new' FROM generate_series(1, 1000) g;\n");
        try (Bascule b = bascule(db, m)) {
            b.migrate();
        }
        return m;
    }

    private static StatementTrace at(TraceReport report, int line) {
        return at(report, "2_change.up.sql", line);
    }

    private static StatementTrace at(TraceReport report, String file, int line) {
        return report.statements().filter(s -> s.file().endsWith(file) && s.line() == line).findFirst().orElseThrow();
    }

    private static boolean moves(Relation r) {
        return r.isNamed("public", "moves");
    }

    @Test
    void recordsLocksRewritesScansAndRowsOfEachStatement(TestDatabase db) {
        MigrationFolder m = appliedMoves(db);
        m.write("2_change.up.sql", String.join("\n",
                "ALTER TABLE moves ADD COLUMN note text;",                                        // 1: no rewrite
                "ALTER TABLE moves ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();",    // 2: rewrite
                "ALTER TABLE moves ADD CONSTRAINT status_known CHECK (status <> '');",            // 3: scan
                "ALTER TABLE moves ADD CONSTRAINT id_positive CHECK (id > 0) NOT VALID;",         // 4: no scan
                "UPDATE moves SET status = 'old' WHERE id <= 10;",                                // 5: 10 rows
                "CREATE TABLE notes (id int);",                                                   // 6: new table
                ""));
        // Its own transaction: in 2_change the table already holds SHARE (the rewrite rebuilt the indexes).
        m.write("3_index.up.sql", "CREATE INDEX moves_status ON moves (status);\n");
        TraceReport report;
        try (Bascule b = bascule(db, m)) {
            report = b.trace();
        }
        assertThat(report.failed()).isFalse();
        assertThat(report.origin()).isInstanceOf(ShadowOrigin.TemplateCopy.class);
        assertThat(report.migrations()).extracting(MigrationTrace::file).hasSize(2).allMatch(f -> f.startsWith(tmp.toString()));

        StatementTrace addNote = at(report, 1);
        assertThat(addNote.observation()).isEqualTo(LockObservation.EXACT);
        assertThat(addNote.strongestAcquired(TraceTest::moves)).contains(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(addNote.rewritten()).isEmpty();
        assertThat(addNote.scans()).isEmpty();

        StatementTrace addToken = at(report, 2);
        assertThat(addToken.rewritten()).extracting(Relation::qualified).contains("public.moves", "public.moves_pkey");
        // ACCESS EXCLUSIVE is held since statement 1, so not taken anew; rebuilding the indexes adds SHARE on the table.
        assertThat(addToken.strongestHeld(TraceTest::moves)).contains(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(addToken.acquired()).filteredOn(l -> moves(l.relation())).extracting(HeldLock::mode)
                .containsExactly(LockLevel.SHARE);

        StatementTrace check = at(report, 3);
        assertThat(check.scans()).extracting(s -> s.table().qualified()).containsExactly("public.moves");
        assertThat(check.rewritten()).isEmpty();
        assertThat(at(report, 4).scans()).isEmpty();

        StatementTrace index = at(report, "3_index.up.sql", 1);
        assertThat(index.strongestAcquired(TraceTest::moves)).contains(LockLevel.SHARE);
        assertThat(index.scans()).extracting(s -> s.table().qualified()).containsExactly("public.moves");
        assertThat(index.created()).extracting(Relation::qualified).containsExactly("public.moves_status");

        StatementTrace update = at(report, 5);
        assertThat(update.rowsWritten()).isEqualTo(10);
        assertThat(update.strongestAcquired(TraceTest::moves)).contains(LockLevel.ROW_EXCLUSIVE);

        StatementTrace notes = at(report, 6);
        assertThat(notes.created()).extracting(Relation::qualified).containsExactly("public.notes");
        assertThat(notes.locks()).filteredOn(l -> l.relation().name().equals("notes")).allMatch(HeldLock::newRelation);
        assertThat(notes.locks()).filteredOn(l -> l.relation().name().equals("moves")).noneMatch(HeldLock::newRelation);

        // The target is untouched and the shadow database is gone.
        assertThat(db.column("SELECT count(*) FROM information_schema.columns WHERE table_name = 'moves'")).containsExactly("2");
        assertThat(db.column("SELECT count(*) FROM pg_database WHERE datname LIKE 'bascule_shadow_%'")).containsExactly("0");
    }
}
