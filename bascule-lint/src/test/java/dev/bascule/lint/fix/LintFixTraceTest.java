package dev.bascule.lint.fix;

import dev.bascule.Bascule;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import dev.bascule.trace.HeldLock;
import dev.bascule.trace.LockLevel;
import dev.bascule.trace.StatementTrace;
import dev.bascule.trace.TableScan;
import dev.bascule.trace.TraceReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per fix kind, on a real PostgreSQL holding rows: the fixture as written makes trace show a table rewrite or a
 * whole-table scan under a lock blocking writes; the fixed migrations, traced the same way, show neither, and the
 * runner applies them to the intended end state.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class LintFixTraceTest {

    /** Version 1, before every fixture: three tables, orders with 12,000 rows (more than two backfill batches). */
    static final String BASE = """
            CREATE TABLE customers (id bigint PRIMARY KEY);
            CREATE TABLE products (id bigint PRIMARY KEY);
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, product_id bigint, total numeric);
            INSERT INTO customers SELECT g FROM generate_series(1, 100) g;
            INSERT INTO products SELECT g FROM generate_series(1, 100) g;
            INSERT INTO orders SELECT g, 1 + g % 100, 1 + g % 100, g FROM generate_series(1, 12000) g;
            """;

    @TempDir
    Path tmp;

    @Test
    void concurrentIndexBuildsBlockNoWrites(TestDatabase db) {
        fixTraceAndApply(db, tmp, "require-concurrent-index-creation");
        assertThat(db.column("SELECT c.relname || ' ' || i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE i.indrelid = 'orders'::regclass AND NOT i.indisprimary ORDER BY 1"))
                .containsExactly("orders_customer_idx true", "orders_status_idx true", "orders_total_idx true");
    }

    @Test
    void foreignKeysAreAddedNotValidThenValidated(TestDatabase db) {
        fixTraceAndApply(db, tmp, "adding-foreign-key-constraint");
        assertThat(db.column("SELECT conname || ' ' || convalidated FROM pg_constraint WHERE conrelid = 'orders'::regclass"
                + " AND contype = 'f' ORDER BY 1")).containsExactly("orders_customer_fk true", "orders_product_id_fkey true");
    }

    @Test
    void checksAreAddedNotValidThenValidated(TestDatabase db) {
        fixTraceAndApply(db, tmp, "adding-check-constraint");
        assertThat(db.column("SELECT conname || ' ' || convalidated FROM pg_constraint WHERE conrelid = 'orders'::regclass"
                + " AND contype = 'c' ORDER BY 1")).containsExactly("orders_check true", "orders_check1 true", "orders_total_positive true");
    }

    @Test
    void notNullIsSetWithoutAScanThroughAValidatedCheck(TestDatabase db) {
        fixTraceAndApply(db, tmp, "setting-not-null");
        assertThat(db.column("SELECT attnotnull::text FROM pg_attribute WHERE attrelid = 'orders'::regclass"
                + " AND attname = 'customer_id'")).containsExactly("true");
        assertThat(db.column("SELECT conname FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype = 'c'"))
                .as("the helper check is dropped again").isEmpty();
    }

    @Test
    void volatileDefaultsAreBackfilledInBatchesWithoutARewrite(TestDatabase db) {
        fixTraceAndApply(db, tmp, "adding-volatile-default");
        assertThat(db.column("SELECT count(*) FROM orders WHERE token IS NULL OR weight IS NULL")).containsExactly("0");
        assertThat(db.column("SELECT count(DISTINCT token) FROM orders")).containsExactly("12000");
        db.execute("INSERT INTO orders (id) VALUES (12001)");
        assertThat(db.column("SELECT (token IS NOT NULL AND weight IS NOT NULL)::text FROM orders WHERE id = 12001"))
                .as("new rows get the default").containsExactly("true");
    }

    /**
     * Applies the base migration, traces the fixture of {@code rule} as written (it must show a hazard), fixes it,
     * traces the fixed migrations (no hazard, every scan counted) and applies them with the runner.
     */
    static void fixTraceAndApply(TestDatabase db, Path tmp, String rule) {
        MigrationFolder migrations = new MigrationFolder(tmp.resolve("migrations"));
        migrations.write("0001_base.up.sql", BASE);
        try (Bascule b = bascule(db, migrations, tmp)) {
            b.migrate();
        }
        FixFixtures.copyIn(rule, migrations.dir());
        try (Bascule b = bascule(db, migrations, tmp)) {
            assertThat(hazards(b.trace())).as("trace of the fixture as written").isNotEmpty();
        }

        FixReport fixed = FixFixtures.fix(migrations.dir(), true);
        assertThat(fixed.exitCode()).as(fixed.render()).isZero();
        assertThat(fixed.files()).flatExtracting(FilePlan::applied).isNotEmpty();

        try (Bascule b = bascule(db, migrations, tmp)) {
            TraceReport report = b.trace();
            assertThat(report.failed()).as("fixed migrations failed on the shadow database: " + report.failure()).isFalse();
            assertThat(hazards(report)).as("trace of the fixed migrations").isEmpty();
            assertThat(report.statements()).as("every scan was counted, none unknown").allMatch(StatementTrace::scansKnown);
            b.migrate();
            assertThat(b.status().toApply()).isEmpty();
        }
    }

    private static Bascule bascule(TestDatabase db, MigrationFolder migrations, Path tmp) {
        return Bascule.configure().database(db.admin()).locations(migrations.path()).baseDir(tmp).load();
    }

    /**
     * What blocks the application, per statement: a relation rewritten, or a table read whole while the
     * migration's transaction holds a lock on it that blocks writes (ACCESS EXCLUSIVE blocks reads as well).
     */
    static List<String> hazards(TraceReport report) {
        List<String> found = new ArrayList<>();
        report.statements().forEach(s -> {
            s.rewritten().forEach(r -> found.add(where(s) + " rewrote " + r.qualified()));
            for (TableScan scan : s.scans()) {
                Optional<LockLevel> held = s.locks().stream()
                        .filter(l -> !l.newRelation() && l.relation().qualified().equals(scan.table().qualified()))
                        .map(HeldLock::mode).reduce(LockLevel::max);
                if (held.isPresent() && held.get().blocksWrites()) {
                    found.add(where(s) + " read " + scan.table().qualified() + " whole holding " + held.get());
                }
            }
        });
        return found;
    }

    private static String where(StatementTrace s) {
        return s.position() + " (" + s.summary() + ")";
    }
}
