package dev.bascule.live;

import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real failed CREATE INDEX / REINDEX CONCURRENTLY statements and the invalid indexes they leave. */
@ExtendWith(EmbeddedPostgresExtension.class)
class InvalidIndexesTest {

    private static final List<String> PUBLIC = List.of("public");

    @Test
    void findsAndDropsTheIndexOfACreateIndexConcurrentlyInterruptedByItsLockTimeout(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE moves (id int PRIMARY KEY, status text)");
        String cic = "CREATE INDEX CONCURRENTLY IF NOT EXISTS moves_status_idx ON public.moves (status)";
        try (Connection writer = db.admin().connect(); Connection migration = db.admin().connect()) {
            writer.setAutoCommit(false);
            execute(writer, "INSERT INTO moves VALUES (1, 'draft')"); // CIC waits for this transaction to end
            execute(migration, "SET lock_timeout = '500ms'");
            List<InvalidIndex> before = InvalidIndexes.find(migration, PUBLIC);

            assertThatThrownBy(() -> execute(migration, cic)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("55P03"));
            writer.commit();

            InvalidIndex left = new InvalidIndex("public", "moves_status_idx", "moves",
                    "CREATE INDEX moves_status_idx ON public.moves USING btree (status)");
            assertThat(before).isEmpty();
            assertThat(InvalidIndexes.leftBy(migration, cic, before, PUBLIC)).containsExactly(left);
            assertThat(InvalidIndexes.namedIn(migration, cic)).contains(left);
            assertThat(left.dropStatement()).isEqualTo("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"moves_status_idx\"");

            execute(migration, cic); // IF NOT EXISTS: "succeeds" and leaves the invalid index as it is
            assertThat(InvalidIndexes.find(migration, PUBLIC)).containsExactly(left);

            InvalidIndexes.drop(migration, left);
            assertThat(InvalidIndexes.find(migration, PUBLIC)).isEmpty();
            execute(migration, cic);
        }
        assertThat(db.column("SELECT indisvalid FROM pg_index WHERE indexrelid = 'moves_status_idx'::regclass"))
                .containsExactly("t");
    }

    @Test
    void findsTheGeneratedNameOfAnUnnamedUniqueIndexThatFailedOnDuplicatesAndNothingElse(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE moves (id int, status text)");
        db.execute("INSERT INTO moves VALUES (1, 'draft'), (2, 'draft')");
        db.execute("CREATE INDEX moves_status_idx ON moves (status)"); // so PostgreSQL picks moves_status_idx1
        db.execute("CREATE TABLE orders (id int)");
        db.execute("INSERT INTO orders VALUES (1), (1)");
        try (Connection c = db.admin().connect()) {
            failing(c, "CREATE UNIQUE INDEX CONCURRENTLY orders_id_key ON orders (id)"); // an older leftover
            List<InvalidIndex> before = InvalidIndexes.find(c, List.of());
            assertThat(before).extracting(InvalidIndex::name).containsExactly("orders_id_key");

            String cic = "CREATE UNIQUE INDEX CONCURRENTLY ON moves (status)";
            assertThat(failing(c, cic).getSQLState()).isEqualTo("23505");

            assertThat(InvalidIndexes.leftBy(c, cic, before, List.of())).containsExactly(new InvalidIndex("public",
                    "moves_status_idx1", "moves", "CREATE UNIQUE INDEX moves_status_idx1 ON public.moves USING btree (status)"));
            assertThat(InvalidIndexes.namedIn(c, cic)).isEmpty();
            // Compared with nothing, a run that crashed would see both; the table narrows it down
            assertThat(InvalidIndexes.leftBy(c, cic, List.of(), List.of())).extracting(InvalidIndex::name)
                    .containsExactly("moves_status_idx1");
        }
    }

    @Test
    void findsANamedIndexOnATableInASchemaOffTheSearchPath(TestDatabase db) throws Exception {
        db.execute("CREATE SCHEMA \"Sales\"");
        db.execute("CREATE TABLE \"Sales\".orders (id int)");
        db.execute("INSERT INTO \"Sales\".orders VALUES (1), (1)");
        db.execute("CREATE TABLE public.orders (id int)");
        String cic = "CREATE UNIQUE INDEX CONCURRENTLY \"Orders_Key\" ON \"Sales\".orders (id)";
        try (Connection c = db.admin().connect()) {
            List<InvalidIndex> before = InvalidIndexes.find(c, List.of("Sales"));
            failing(c, cic);
            InvalidIndex left = new InvalidIndex("Sales", "Orders_Key", "orders",
                    "CREATE UNIQUE INDEX \"Orders_Key\" ON \"Sales\".orders USING btree (id)");
            assertThat(InvalidIndexes.leftBy(c, cic, before, List.of("Sales"))).containsExactly(left);
            assertThat(InvalidIndexes.namedIn(c, cic)).contains(left);
            assertThat(InvalidIndexes.namedIn(c, "CREATE UNIQUE INDEX CONCURRENTLY \"Orders_Key\" ON orders (id)")).isEmpty();
            assertThat(InvalidIndexes.find(c, PUBLIC)).isEmpty();

            c.setAutoCommit(false);
            assertThatThrownBy(() -> InvalidIndexes.drop(c, left)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot drop invalid index Sales.Orders_Key on orders: DROP INDEX CONCURRENTLY must run"
                            + " outside a transaction; use a connection in autocommit mode");
            c.rollback();
            c.setAutoCommit(true);
            InvalidIndexes.drop(c, left);
            assertThat(InvalidIndexes.find(c, List.of())).isEmpty();
        }
    }

    @Test
    void findsTheNewIndexOfAnInterruptedReindexConcurrently(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE moves (id int PRIMARY KEY, status text)");
        db.execute("CREATE INDEX moves_status_idx ON moves (status)");
        db.execute("INSERT INTO moves VALUES (1, 'draft'), (2, 'draft')");
        String reindex = "REINDEX INDEX CONCURRENTLY moves_status_idx";
        try (Connection writer = db.admin().connect(); Connection migration = db.admin().connect()) {
            failing(migration, "CREATE UNIQUE INDEX CONCURRENTLY moves_one ON moves ((1))"); // an older leftover
            writer.setAutoCommit(false);
            execute(writer, "INSERT INTO moves VALUES (3, 'draft')");
            execute(migration, "SET lock_timeout = '500ms'");
            List<InvalidIndex> before = InvalidIndexes.find(migration, PUBLIC);
            assertThat(before).extracting(InvalidIndex::name).containsExactly("moves_one");
            assertThat(failing(migration, reindex).getSQLState()).isEqualTo("55P03");
            writer.commit();

            List<InvalidIndex> left = InvalidIndexes.leftBy(migration, reindex, before, PUBLIC);
            assertThat(left).extracting(InvalidIndex::name).containsExactly("moves_status_idx_ccnew");
            InvalidIndexes.drop(migration, left.get(0));
            assertThat(InvalidIndexes.find(migration, PUBLIC)).isEqualTo(before);
        }
        assertThat(db.column("SELECT indisvalid FROM pg_index WHERE indexrelid = 'moves_status_idx'::regclass"))
                .containsExactly("t");
    }

    private static SQLException failing(Connection c, String sql) {
        try {
            execute(c, sql);
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected " + sql + " to fail");
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
