package dev.bascule.trace;

import dev.bascule.Bascule;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.PostgresMajor;
import dev.bascule.testing.PostgresMatrixTest;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trace on PostgreSQL 13 to 18: the probe's catalog queries, the transaction's statistics, {@code DROP DATABASE ...
 * WITH (FORCE)}, and the flushed statistics of statements outside a transaction, which exist from 15 on.
 */
class TraceMatrixTest {

    @TempDir
    Path tmp;

    @PostgresMatrixTest
    void measuresLocksRewritesAndScansOnEveryMajor(PostgresMajor major, TestDatabase db) {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_t.up.sql", "CREATE TABLE t (id int PRIMARY KEY, v text);\nINSERT INTO t SELECT g, 'x' FROM generate_series(1, 500) g;\n");
        try (Bascule b = Bascule.configure().database(db.admin()).locations(m.path()).load()) {
            b.migrate();
        }
        m.write("2_change.up.sql", "ALTER TABLE t ALTER COLUMN v TYPE varchar(10);\nUPDATE t SET v = 'y' WHERE id <= 7;\n");
        m.write("3_index.up.sql", "-- bascule:no-transaction\nCREATE INDEX CONCURRENTLY t_v ON t (v);\n");
        TraceReport report;
        try (Bascule b = Bascule.configure().database(db.admin()).locations(m.path()).load()) {
            report = b.trace();
        }
        assertThat(report.failed()).as(major + ": %s", report.failure()).isFalse();
        StatementTrace alter = report.migrations().get(0).statements().get(0);
        assertThat(alter.strongestAcquired(r -> r.name().equals("t"))).contains(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(alter.rewritten()).extracting(Relation::qualified).contains("public.t");
        assertThat(alter.scans()).extracting(s -> s.table().qualified()).contains("public.t");
        assertThat(report.migrations().get(0).statements().get(1).rowsWritten()).isEqualTo(7);

        StatementTrace build = report.migrations().get(1).statements().get(0);
        assertThat(build.observation()).isEqualTo(LockObservation.SAMPLED);
        assertThat(build.strongestAcquired(r -> r.name().equals("t"))).contains(LockLevel.SHARE_UPDATE_EXCLUSIVE);
        assertThat(build.scansKnown()).isEqualTo(major.number() >= 15);
        assertThat(db.column("SELECT count(*) FROM pg_database WHERE datname LIKE 'bascule_shadow_%'")).containsExactly("0");
    }
}
