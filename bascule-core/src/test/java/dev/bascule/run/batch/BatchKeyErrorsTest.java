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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every key the batcher cannot walk is refused before any batch, naming file and line of the statement. */
@ExtendWith(EmbeddedPostgresExtension.class)
class BatchKeyErrorsTest {

    private static final ProgressTable PROGRESS = ProgressTable.beside(new HistoryTable("public", "h"));

    private static void refused(TestDatabase db, String directive, String sql, String... fragments) throws SQLException {
        Statement statement = ScriptParser.parse("5_data.up.sql", "SELECT 1;\n" + directive + "\n" + sql)
                .statements().get(1);
        BatchOptions options = BatchOptions.parse(statement.directive(DirectiveKind.BATCH).orElseThrow());
        try (Connection c = db.admin().connect()) {
            assertThatThrownBy(() -> new BatchedStatementRunner(PROGRESS).run(c, statement, options,
                    new ProgressKey("5", 2, "x"), BatchListener.none()))
                    .isInstanceOfSatisfying(BatchStatementError.class, e -> {
                        assertThat(e.getMessage()).startsWith("5_data.up.sql:3:1: ");
                        assertThat(e.detail()).contains(fragments);
                    });
            assertThat(PROGRESS.find(c, new ProgressKey("5", 2, "x"))).isEmpty();
        }
    }

    @Test
    void keysThatCannotBeWalkedAreRefusedAndNothingRuns(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE heap (a int, b int NOT NULL, c int, d int NOT NULL, e int NOT NULL, f text NOT NULL);"
                + "CREATE UNIQUE INDEX heap_c ON heap (c);"
                + "CREATE UNIQUE INDEX heap_e_partial ON heap (e) WHERE e > 0;"
                + "CREATE UNIQUE INDEX heap_de ON heap (d, e);"
                + "CREATE UNIQUE INDEX heap_f_pattern ON heap (f text_pattern_ops);"
                + "CREATE INDEX heap_b ON heap (b);"
                + "INSERT INTO heap VALUES (1, 1, 1, 1, 1, 'x');"
                + "CREATE TABLE pair (x int, y int, PRIMARY KEY (x, y));"
                + "CREATE VIEW v AS SELECT * FROM heap;"
                + "CREATE TABLE parent (id int PRIMARY KEY); CREATE TABLE child () INHERITS (parent);"
                + "CREATE TABLE ok (id int PRIMARY KEY, stamp timestamp NOT NULL UNIQUE);");
        refused(db, "-- bascule:batch size=10", "UPDATE heap SET a = 2;", "table without a usable key",
                "heap has no primary key", "key=COLUMN");
        refused(db, "-- bascule:batch size=10", "DELETE FROM pair WHERE x = 1;", "table without a usable key",
                "primary key of pair has 2 columns (x, y)");
        refused(db, "-- bascule:batch size=10 key=a", "UPDATE heap SET b = 2;", "key column not unique or nullable",
                "heap.a is nullable");
        refused(db, "-- bascule:batch size=10 key=c", "UPDATE heap SET b = 2;", "heap.c is nullable");
        refused(db, "-- bascule:batch size=10 key=b", "UPDATE heap SET a = 2;", "key column not unique or nullable",
                "heap.b has no unique index of its own");
        refused(db, "-- bascule:batch size=10 key=e", "UPDATE heap SET a = 2;", "heap.e has no unique index");
        refused(db, "-- bascule:batch size=10 key=d", "UPDATE heap SET a = 2;", "heap.d has no unique index");
        refused(db, "-- bascule:batch size=10 key=f", "UPDATE heap SET a = 2;", "heap.f has no unique index");
        refused(db, "-- bascule:batch size=10 key=nope", "UPDATE heap SET a = 2;", "key column nope does not exist");
        refused(db, "-- bascule:batch size=10", "UPDATE v SET a = 2;", "v is a view: only tables can be batched");
        refused(db, "-- bascule:batch size=10", "UPDATE parent SET id = id;", "parent has inheritance children",
                "ONLY parent");
        refused(db, "-- bascule:batch size=10", "DELETE FROM missing;", "table missing does not exist");
        refused(db, "-- bascule:batch size=10", "UPDATE ONLY parent SET id = id + 1;", "assigns the key column id");
        refused(db, "-- bascule:batch size=10 key=stamp", "UPDATE ok SET stamp = now();", "assigns the key column stamp");
        refused(db, "-- bascule:batch size=10", "INSERT INTO ok SELECT id + 1, stamp FROM ok;",
                "SELECT FROM the same table cannot be batched");
        assertThat(db.column("SELECT a FROM heap")).containsExactly("1");
    }

    @Test
    void anIntervalKeyNeedsTheDefaultIntervalStyleBecauseThePositionIsStoredAsText(TestDatabase db)
            throws SQLException {
        db.execute("CREATE TABLE ok (id int, span interval NOT NULL UNIQUE, v int);"
                + "ALTER DATABASE " + db.name() + " SET IntervalStyle = 'sql_standard'");
        refused(db, "-- bascule:batch size=10 key=span", "UPDATE ok SET v = 1;", "depends on IntervalStyle",
                "'sql_standard'", "IntervalStyle = postgres");
    }
}
