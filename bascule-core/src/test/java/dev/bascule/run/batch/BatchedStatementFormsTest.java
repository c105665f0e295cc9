package dev.bascule.run.batch;

import dev.bascule.history.HistoryTable;
import dev.bascule.history.ProgressKey;
import dev.bascule.history.ProgressTable;
import dev.bascule.sql.DirectiveKind;
import dev.bascule.sql.ScriptParser;
import dev.bascule.sql.Statement;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** DELETE, INSERT ... SELECT, uuid, text and timestamp keys, aliases, FROM and USING, RETURNING, jsonb's ?. */
@ExtendWith(EmbeddedPostgresExtension.class)
class BatchedStatementFormsTest {

    private static final ProgressTable PROGRESS = ProgressTable.beside(new HistoryTable("public", "history"));

    private static BatchResult run(TestDatabase db, String script, List<BatchReport> reports) throws SQLException {
        Statement statement = ScriptParser.parse("m.sql", script).statements().get(0);
        BatchOptions options = BatchOptions.parse(statement.directive(DirectiveKind.BATCH).orElseThrow());
        try (Connection c = db.admin().connect()) {
            return new BatchedStatementRunner(PROGRESS).run(c, statement, options, new ProgressKey("1", 1, "x"),
                    new BatchListener() {
                        @Override
                        public void afterBatch(BatchReport report) {
                            reports.add(report);
                        }
                    });
        }
    }

    private static BatchResult run(TestDatabase db, String script) throws SQLException {
        return run(db, script, new ArrayList<>());
    }

    @Test
    void updateWithAnAliasAndFromOverAUuidKey(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);"
                + "INSERT INTO customers SELECT i, 'customer ' || i FROM generate_series(1, 50) i;"
                + "CREATE TABLE orders (id uuid PRIMARY KEY, customer_id int NOT NULL, customer_name text,"
                + " changes int NOT NULL DEFAULT 0);"
                + "INSERT INTO orders (id, customer_id, customer_name) SELECT gen_random_uuid(), 1 + i % 50,"
                + " CASE WHEN i % 3 = 0 THEN 'customer ' || (1 + i % 50) END FROM generate_series(1, 7000) i;"
                + "CREATE FUNCTION count_change() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN NEW.changes := OLD.changes + 1; RETURN NEW; END $$;"
                + "CREATE TRIGGER orders_count BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION count_change();");
        List<BatchReport> reports = new ArrayList<>();
        BatchResult result = run(db, "-- bascule:batch size=1000\nUPDATE orders AS o SET customer_name = c.name"
                + " FROM customers c WHERE c.id = o.customer_id AND o.customer_name IS DISTINCT FROM c.name;", reports);
        assertThat(result.rowsDone()).isEqualTo(7000 - 7000 / 3);
        assertThat(result.batchesThisRun()).isEqualTo(8);
        assertThat(db.column("SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id"
                + " WHERE o.customer_name IS DISTINCT FROM c.name")).containsExactly("0");
        assertThat(db.column("SELECT changes, count(*) FROM orders GROUP BY 1 ORDER BY 1"))
                .containsExactly("0", "1");
        assertThat(db.column("SELECT count(*) FROM orders WHERE changes = 1")).containsExactly(String.valueOf(7000 - 7000 / 3));
        // uuids compare in PostgreSQL's order (bytewise), which the bounds follow exactly.
        assertThat(db.column("SELECT count(*) FROM orders WHERE id <= '" + reports.get(0).keyReached().orElseThrow()
                + "'::uuid")).containsExactly("1000");
    }

    @Test
    void deleteWithUsingAndReturningOverATextKeyInItsCollation(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE retired (prefix text PRIMARY KEY);"
                + "INSERT INTO retired VALUES ('Ab'), ('aB'), ('zz');"
                + "CREATE TABLE codes (code text COLLATE \"C\" PRIMARY KEY, note text);"
                + "INSERT INTO codes SELECT chr(65 + i % 26) || chr(97 + (i / 26) % 26) || '-' || i, 'n'"
                + " FROM generate_series(0, 9999) i;"
                + "INSERT INTO codes VALUES ('Ab-x', NULL), ('aB-y', NULL), ('zz-z', NULL), ('Zz-keep', NULL);");
        long expected = Long.parseLong(db.column("SELECT count(*) FROM codes k JOIN retired r"
                + " ON r.prefix = left(k.code, 2)").get(0));
        long total = Long.parseLong(db.column("SELECT count(*) FROM codes").get(0));
        String seventHundredth = db.column("SELECT code FROM codes ORDER BY code COLLATE \"C\" OFFSET 699 LIMIT 1").get(0);
        List<BatchReport> reports = new ArrayList<>();
        BatchResult result = run(db, "-- bascule:batch size=700\nDELETE FROM codes AS k USING retired r"
                + " WHERE r.prefix = left(k.code, 2)\nRETURNING k.code, r.prefix;", reports);
        assertThat(result.rowsDone()).isEqualTo(expected).isGreaterThan(3);
        assertThat(db.column("SELECT count(*) FROM codes")).containsExactly(String.valueOf(total - expected));
        assertThat(db.column("SELECT count(*) FROM codes k JOIN retired r ON r.prefix = left(k.code, 2)"))
                .containsExactly("0");
        assertThat(db.column("SELECT count(*) FROM codes WHERE code = 'Zz-keep'")).containsExactly("1");
        // The bounds follow the column's collation ("C"), the order of its primary key index.
        assertThat(reports.get(0).keyReached()).contains(seventHundredth);
    }

    @Test
    void insertSelectIsBatchedOverTheSourceKeyAndSkipsNoSourceRow(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE src (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), payload text NOT NULL,"
                + " archived boolean NOT NULL);"
                + "INSERT INTO src (payload, archived) SELECT 'p' || i, i % 4 = 0 FROM generate_series(1, 9000) i;"
                + "CREATE TABLE archive (id uuid PRIMARY KEY, payload text NOT NULL, copied int NOT NULL DEFAULT 1);"
                + "INSERT INTO archive (id, payload) SELECT id, payload FROM src WHERE archived LIMIT 10;");
        BatchResult result = run(db, "-- bascule:batch size=2000\nINSERT INTO archive AS a (id, payload)"
                + " SELECT s.id, upper(s.payload) FROM src s WHERE s.archived"
                + " ON CONFLICT (id) DO UPDATE SET copied = a.copied + 1;");
        assertThat(result.batchesThisRun()).isEqualTo(5);
        assertThat(result.rowsDone()).isEqualTo(2250);
        assertThat(db.column("SELECT count(*) FROM archive")).containsExactly("2250");
        assertThat(db.column("SELECT copied, count(*) FROM archive GROUP BY 1 ORDER BY 1")).containsExactly("1", "2");
        assertThat(db.column("SELECT count(*) FROM archive WHERE copied = 2")).containsExactly("10");
        assertThat(db.column("SELECT count(*) FROM src s LEFT JOIN archive a USING (id) WHERE s.archived"
                + " AND a.id IS NULL")).containsExactly("0");
    }

    @Test
    void aUniqueNotNullTimestampColumnNamedByKeyAndAJsonbQuestionMark(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE events (id int GENERATED ALWAYS AS IDENTITY, at timestamptz NOT NULL UNIQUE,"
                + " tags jsonb NOT NULL, seen int NOT NULL DEFAULT 0);"
                + "INSERT INTO events (at, tags) SELECT timestamptz '2026-01-01 00:00:00.000001+00'"
                + " + i * interval '1.000007 second', CASE WHEN i % 2 = 0 THEN '{\"x\": 1}' ELSE '{\"y\": 1}' END::jsonb"
                + " FROM generate_series(1, 5000) i;");
        BatchResult result = run(db, "-- bascule:batch size=450 key=at\nUPDATE events e SET seen = seen + 1,"
                + " tags = tags - 'x' WHERE e.tags ? 'x';");
        assertThat(result.rowsDone()).isEqualTo(2500);
        assertThat(result.batchesThisRun()).isEqualTo(5000 / 450 + 1);
        assertThat(db.column("SELECT seen, count(*) FROM events GROUP BY 1 ORDER BY 1")).containsExactly("0", "1");
        assertThat(db.column("SELECT count(*) FROM events WHERE seen = 1")).containsExactly("2500");
        assertThat(db.column("SELECT count(*) FROM events WHERE tags ? 'x'")).containsExactly("0");
    }

    @Test
    void aTableSmallerThanOneBatchRunsAsOneBatchAndAnEmptyTableToo(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);"
                + "INSERT INTO t SELECT i, 0 FROM generate_series(1, 10) i;"
                + "CREATE TABLE e (id int PRIMARY KEY);");
        BatchResult small = run(db, "-- bascule:batch size=5000\nUPDATE t SET v = 1 WHERE v = 0;");
        assertThat(small.batchesThisRun()).isEqualTo(1);
        assertThat(small.rowsDone()).isEqualTo(10);
        db.execute("TRUNCATE " + PROGRESS.qualifiedName());
        assertThat(run(db, "-- bascule:batch size=5000\nDELETE FROM e;").rowsDone()).isZero();
    }

    @Test
    void aPartitionedTableIsWalkedOverItsPartitionKey(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE p (id bigint PRIMARY KEY, v int NOT NULL) PARTITION BY RANGE (id);"
                + "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (3000);"
                + "CREATE TABLE p2 PARTITION OF p FOR VALUES FROM (3000) TO (100000);"
                + "INSERT INTO p SELECT i * 7, 0 FROM generate_series(1, 6000) i;");
        BatchResult result = run(db, "-- bascule:batch size=1000\nUPDATE p SET v = v + 1;");
        assertThat(result.rowsDone()).isEqualTo(6000);
        assertThat(db.column("SELECT DISTINCT v FROM p")).containsExactly("1");
    }
}
