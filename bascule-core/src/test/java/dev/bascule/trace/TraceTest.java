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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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
        // One scan, though the session's earlier transaction (2_change) scanned moves too and its counts may not be
        // flushed yet: each transaction's counters start from what the backend still holds.
        assertThat(index.scans()).extracting(s -> s.table().qualified() + " x" + s.scans()).containsExactly("public.moves x1");
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

    @Test
    void withOtherSessionsOnTheTargetSaysWhoAndReplaysTheAppliedMigrations(TestDatabase db) throws Exception {
        MigrationFolder m = appliedMoves(db);
        m.write("2_rewrite.up.sql", "ALTER TABLE moves ALTER COLUMN status TYPE varchar(20);\n");
        try (Connection app = db.admin().connect(); Statement st = app.createStatement()) {
            st.execute("SET application_name = 'billing-worker'");
            int pid = pidOf(app);
            TraceReport report;
            try (Bascule b = bascule(db, m)) {
                report = b.trace();
            }
            assertThat(report.origin()).isInstanceOfSatisfying(ShadowOrigin.Replayed.class, r -> {
                assertThat(r.whyNotTemplate()).contains("1 other session(s) are connected to " + db.name() + ": pid " + pid
                        + " (postgres, application_name=billing-worker, idle)");
                assertThat(r.replayed()).isEqualTo(1);
            });
            assertThat(said).anyMatch(l -> l.startsWith("WARNING trace: no template copy of " + db.name()) && l.contains("pid " + pid));
            StatementTrace alter = report.statements().findFirst().orElseThrow();
            assertThat(alter.rewritten()).extracting(Relation::qualified).contains("public.moves");
            assertThat(alter.strongestAcquired(TraceTest::moves)).contains(LockLevel.ACCESS_EXCLUSIVE);
            // The replay inserted the migration's 1,000 rows, so the rewrite scanned a real table.
            assertThat(alter.scans()).extracting(s -> s.table().qualified()).contains("public.moves");
        }
        assertThat(db.column("SELECT count(*) FROM pg_database WHERE datname LIKE 'bascule_shadow_%'")).containsExactly("0");
    }

    @Test
    void aFailingStatementEndsTheTraceWithItsErrorAndTheShadowIsDropped(TestDatabase db) {
        MigrationFolder m = appliedMoves(db);
        m.write("2_bad.up.sql", "ALTER TABLE moves ADD COLUMN a int;\nALTER TABLE nowhere ADD COLUMN b int;\n");
        m.write("3_never.up.sql", "ALTER TABLE moves ADD COLUMN c int;\n");
        TraceReport report;
        try (Bascule b = bascule(db, m)) {
            report = b.trace();
        }
        assertThat(report.failed()).isTrue();
        assertThat(report.migrations()).hasSize(1);
        StatementTrace failed = report.failure().orElseThrow();
        assertThat(failed.line()).isEqualTo(2);
        assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e).contains("relation \"nowhere\" does not exist", "42P01"));
        assertThat(report.statements().findFirst().orElseThrow().failed()).isFalse();
        assertThat(db.column("SELECT count(*) FROM pg_database WHERE datname LIKE 'bascule_shadow_%'")).containsExactly("0");
    }

    @Test
    void secureMigrationsShowPositionsOnlyNeverTextOrMessages(TestDatabase db) {
        MigrationFolder m = appliedMoves(db);
        MigrationFolder secure = new MigrationFolder(tmp.resolve("secure"));
        secure.write("2_secret.up.sql", "UPDATE moves SET status = 'hunter2' WHERE id = 1;\n"
                + "INSERT INTO moves VALUES (1, 'topsecret-value');\n");
        TraceReport report;
        try (Bascule b = Bascule.configure().database(db.admin()).locations(m.path(), secure.path())
                .secureLocations(secure.path()).baseDir(tmp).load()) {
            report = b.trace();
        }
        MigrationTrace trace = report.migrations().get(0);
        assertThat(trace.secret()).isTrue();
        assertThat(trace.statements()).extracting(StatementTrace::summary).containsOnly("");
        assertThat(trace.statements().get(0).rowsWritten()).isEqualTo(1);
        assertThat(report.failure().orElseThrow().error()).hasValueSatisfying(e ->
                assertThat(e).contains("23505").doesNotContain("topsecret", "moves_pkey", "(id)"));
    }

    @Test
    void aNoTransactionFileGetsEachStatementTracedAndConcurrentBuildsSampled(TestDatabase db) {
        MigrationFolder m = appliedMoves(db);
        m.write("2_concurrently.up.sql", "-- bascule:no-transaction\n"
                + "CREATE INDEX CONCURRENTLY moves_status ON moves (status);\n"
                + "ALTER TABLE moves ADD COLUMN note text;\n"
                + "BEGIN;\nUPDATE moves SET note = 'x' WHERE id <= 3;\nCOMMIT;\n");
        TraceReport report;
        try (Bascule b = bascule(db, m)) {
            report = b.trace();
        }
        assertThat(report.failed()).isFalse();
        StatementTrace build = at(report, "2_concurrently.up.sql", 2);
        assertThat(build.observation()).isEqualTo(LockObservation.SAMPLED);
        assertThat(build.strongestAcquired(TraceTest::moves)).contains(LockLevel.SHARE_UPDATE_EXCLUSIVE);
        assertThat(build.created()).extracting(Relation::qualified).containsExactly("public.moves_status");
        assertThat(build.scansKnown()).isTrue(); // PostgreSQL 17: flushed statistics
        assertThat(build.scans()).extracting(s -> s.table().qualified()).contains("public.moves");

        StatementTrace add = at(report, "2_concurrently.up.sql", 3);
        assertThat(add.observation()).isEqualTo(LockObservation.EXACT);
        assertThat(add.strongestAcquired(TraceTest::moves)).contains(LockLevel.ACCESS_EXCLUSIVE);

        assertThat(at(report, "2_concurrently.up.sql", 4).observation()).isEqualTo(LockObservation.NONE);
        StatementTrace update = at(report, "2_concurrently.up.sql", 5);
        assertThat(update.observation()).isEqualTo(LockObservation.EXACT);
        assertThat(update.rowsWritten()).isEqualTo(3);
        assertThat(update.strongestAcquired(TraceTest::moves)).contains(LockLevel.ROW_EXCLUSIVE);
    }

    @Test
    void givenFilesAreTracedInsteadOfThePendingMigrations(TestDatabase db) throws Exception {
        MigrationFolder m = appliedMoves(db);
        m.write("2_pending.up.sql", "ALTER TABLE moves ADD COLUMN pending int;\n");
        java.nio.file.Files.writeString(tmp.resolve("adhoc.sql"), "TRUNCATE moves;\n");
        TraceReport report;
        try (Bascule b = bascule(db, m)) {
            report = b.trace(List.of(Path.of("adhoc.sql")));
        }
        assertThat(report.migrations()).extracting(MigrationTrace::file).containsExactly("adhoc.sql");
        StatementTrace truncate = report.statements().findFirst().orElseThrow();
        assertThat(truncate.rewritten()).extracting(Relation::qualified).contains("public.moves");
        assertThat(truncate.strongestAcquired(TraceTest::moves)).contains(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(db.column("SELECT count(*) FROM moves")).containsExactly("1000");
    }

    @Test
    void badInputIsReportedBeforeAnyShadowDatabaseIsMade(TestDatabase db) {
        MigrationFolder m = appliedMoves(db);
        m.write("2_concurrent_in_tx.up.sql", "CREATE INDEX CONCURRENTLY i ON moves (status);\n");
        try (Bascule b = bascule(db, m)) {
            assertThatThrownBy(b::trace).isInstanceOf(BasculeException.ValidationFailed.class)
                    .hasMessageContaining("2_concurrent_in_tx.up.sql:1");
            assertThatThrownBy(() -> b.trace(List.of(Path.of("missing.sql"))))
                    .isInstanceOf(BasculeException.ValidationFailed.class).hasMessageContaining("missing.sql");
        }
        assertThat(db.column("SELECT count(*) FROM pg_database WHERE datname LIKE 'bascule_shadow_%'")).containsExactly("0");
    }

    @Test
    void aLoginWithoutCreatedbIsToldWhatItNeeds(TestDatabase db) {
        MigrationFolder m = appliedMoves(db);
        db.execute("CREATE ROLE tracer_nocreatedb LOGIN PASSWORD 'pw'; GRANT ALL ON SCHEMA public TO tracer_nocreatedb;"
                + " GRANT SELECT ON ALL TABLES IN SCHEMA public TO tracer_nocreatedb");
        m.write("2_pending.up.sql", "ALTER TABLE moves ADD COLUMN note text;\n");
        try (Bascule b = Bascule.configure().database(new dev.bascule.db.Database(db.url(), "tracer_nocreatedb", "pw"))
                .locations(m.path()).baseDir(tmp).load()) {
            assertThatThrownBy(b::trace).isInstanceOf(BasculeException.Configuration.class)
                    .hasMessageContaining("cannot create the shadow database").hasMessageContaining("CREATEDB");
        }
    }

    @Test
    void rolesAndMembershipsTheTraceCreatedOnTheServerAreUndone(TestDatabase db) {
        MigrationFolder m = appliedMoves(db);
        String suffix = db.name().substring(2);
        db.execute("CREATE ROLE old_reader_" + suffix + "; CREATE ROLE old_app_" + suffix
                + "; GRANT old_reader_" + suffix + " TO old_app_" + suffix);
        m.write("2_roles.up.sql", "DO $$ BEGIN CREATE ROLE new_crud_" + suffix + " NOLOGIN; END $$;\n"
                + "GRANT SELECT ON moves TO new_crud_" + suffix + ";\n"
                + "REVOKE old_reader_" + suffix + " FROM old_app_" + suffix + ";\n"
                + "GRANT old_app_" + suffix + " TO old_reader_" + suffix + ";\n");
        TraceReport report;
        try (Bascule b = bascule(db, m)) {
            report = b.trace();
        }
        assertThat(report.failed()).isFalse();
        assertThat(report.serverWide()).containsExactlyInAnyOrder(
                "revoked the membership old_app_" + suffix + " -> old_reader_" + suffix + " a traced migration granted",
                "granted the membership old_reader_" + suffix + " -> old_app_" + suffix + " back, which a traced migration revoked",
                "dropped role new_crud_" + suffix + ", created by a traced migration");
        assertThat(db.column("SELECT count(*) FROM pg_roles WHERE rolname = 'new_crud_" + suffix + "'")).containsExactly("0");
        assertThat(db.column("SELECT r.rolname || '>' || m.rolname FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid"
                + " JOIN pg_roles m ON m.oid = a.member WHERE r.rolname LIKE 'old_%" + suffix + "'"))
                .containsExactly("old_reader_" + suffix + ">old_app_" + suffix);
        // And migrate, after it, creates the role as if no trace had run.
        try (Bascule b = bascule(db, m)) {
            b.migrate();
        }
        assertThat(db.column("SELECT count(*) FROM pg_roles WHERE rolname = 'new_crud_" + suffix + "'")).containsExactly("1");
    }

    @Test
    void aTableReadThenDroppedInOneMigrationShowsTheDropsLock(TestDatabase db) {
        MigrationFolder m = appliedMoves(db);
        m.write("2_archive.up.sql", "SELECT * INTO moves_archive FROM moves;\nDROP TABLE moves;\n");
        TraceReport report;
        try (Bascule b = bascule(db, m)) {
            report = b.trace();
        }
        StatementTrace select = at(report, "2_archive.up.sql", 1);
        assertThat(select.strongestAcquired(TraceTest::moves)).contains(LockLevel.ACCESS_SHARE);
        assertThat(select.created()).extracting(Relation::qualified).contains("public.moves_archive");
        StatementTrace drop = at(report, "2_archive.up.sql", 2);
        // The table is gone by the time the locks are read: its name comes from what the tracer knew of it.
        assertThat(drop.strongestAcquired(TraceTest::moves)).contains(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(drop.strongestHeld(TraceTest::moves)).contains(LockLevel.ACCESS_EXCLUSIVE);
    }

    @Test
    void nothingPendingMakesNoShadowDatabase(TestDatabase db) {
        MigrationFolder m = appliedMoves(db);
        TraceReport report;
        try (Bascule b = bascule(db, m)) {
            report = b.trace();
        }
        assertThat(report.origin()).isInstanceOf(ShadowOrigin.NotNeeded.class);
        assertThat(report.migrations()).isEmpty();
        assertThat(new TraceText(tmp).render(report)).isEqualTo("nothing to trace: " + db.name() + " has no pending migration\n");
    }

    private static int pidOf(Connection connection) throws Exception {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
