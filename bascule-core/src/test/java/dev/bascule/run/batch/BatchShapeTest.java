package dev.bascule.run.batch;

import dev.bascule.sql.Script;
import dev.bascule.sql.ScriptParser;
import dev.bascule.sql.Statement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token analysis and the rewrite, without a database: the key is given as the catalog would resolve it. */
class BatchShapeTest {

    private static final ResolvedKey ID = new ResolvedKey(1, "\"public\".\"t\"", "id", "bigint", true);

    private static Statement statement(String sql) {
        return ScriptParser.parse("m.sql", "-- bascule:batch size=100\n" + sql).statements().get(0);
    }

    private static BatchShape shape(String sql) {
        return BatchShape.of(statement(sql));
    }

    private static String rewritten(String sql, boolean lower, boolean upper) {
        BatchShape shape = shape(sql);
        return new BatchSql(shape, ID, 100).statement(lower, upper);
    }

    private static final String BOTH = "t.\"id\" > CAST(? AS bigint) AND t.\"id\" <= CAST(? AS bigint)";

    @Test
    void updateWithoutWhereGetsOne() {
        assertThat(rewritten("UPDATE t SET a = a + 1;", true, true)).isEqualTo("UPDATE t SET a = a + 1 WHERE " + BOTH);
        assertThat(rewritten("UPDATE t SET a = a + 1;", false, false)).isEqualTo("UPDATE t SET a = a + 1");
        assertThat(rewritten("UPDATE t SET a = 1", false, true))
                .isEqualTo("UPDATE t SET a = 1 WHERE t.\"id\" <= CAST(? AS bigint)");
        assertThat(rewritten("UPDATE t SET a = 1", true, false))
                .isEqualTo("UPDATE t SET a = 1 WHERE t.\"id\" > CAST(? AS bigint)");
    }

    @Test
    void theOriginalWhereIsWrappedSoItsOrCannotEscapeThePredicate() {
        assertThat(rewritten("UPDATE t SET email = lower(email) WHERE email <> lower(email) OR email IS NULL;", true, true))
                .isEqualTo("UPDATE t SET email = lower(email) WHERE (email <> lower(email) OR email IS NULL) AND " + BOTH);
    }

    @Test
    void thePredicateGoesBeforeReturningAndBeforeATrailingComment() {
        assertThat(rewritten("UPDATE t SET a = 1 WHERE b -- why\nRETURNING id, a;", true, true))
                .isEqualTo("UPDATE t SET a = 1 WHERE (b) AND " + BOTH + " -- why\nRETURNING id, a");
        assertThat(rewritten("DELETE FROM t RETURNING *", true, true))
                .isEqualTo("DELETE FROM t WHERE " + BOTH + " RETURNING *");
        assertThat(shape("DELETE FROM t RETURNING *").returnsRows()).isTrue();
    }

    @Test
    void theAliasQualifiesTheKey() {
        assertThat(rewritten("UPDATE ONLY public.t AS m SET a = o.a FROM other o WHERE o.id = m.other_id", true, true))
                .isEqualTo("UPDATE ONLY public.t AS m SET a = o.a FROM other o WHERE (o.id = m.other_id) AND "
                        + "m.\"id\" > CAST(? AS bigint) AND m.\"id\" <= CAST(? AS bigint)");
        BatchShape s = shape("UPDATE ONLY public.t AS m SET a = 1");
        assertThat(s.target()).isEqualTo(new TableRef("public.t", true, java.util.Optional.of("m")));
        assertThat(rewritten("DELETE FROM \"T\" x USING u WHERE u.id = x.u_id", false, true))
                .isEqualTo("DELETE FROM \"T\" x USING u WHERE (u.id = x.u_id) AND x.\"id\" <= CAST(? AS bigint)");
        assertThat(rewritten("UPDATE public.t SET a = 1", false, true))
                .isEqualTo("UPDATE public.t SET a = 1 WHERE public.t.\"id\" <= CAST(? AS bigint)");
    }

    @Test
    void clauseKeywordsInsideParenthesesStringsAndDistinctFromAreNotClauses() {
        String sql = "UPDATE t SET a = (SELECT max(x) FROM u WHERE u.k = t.k), b = 'WHERE', c = d IS DISTINCT FROM e,"
                + " f = $$ RETURNING $$ WHERE g IS NOT DISTINCT FROM h";
        assertThat(rewritten(sql, true, false)).isEqualTo(sql.replace("WHERE g IS NOT DISTINCT FROM h",
                "WHERE (g IS NOT DISTINCT FROM h) AND t.\"id\" > CAST(? AS bigint)"));
        assertThat(shape(sql).assignedColumns()).containsExactlyInAnyOrder("a", "b", "c", "f");
    }

    @Test
    void assignedColumnsIncludeTupleTargetsSubscriptsAndQuotedNames() {
        assertThat(shape("UPDATE t SET (a, \"B\") = (1, 2), c[1] = 3, d.f = 4, \"E\" = 5").assignedColumns())
                .containsExactlyInAnyOrder("a", "B", "c", "d", "E");
    }

    @Test
    void jdbcQuestionMarksInOperatorsAreEscaped() {
        assertThat(rewritten("UPDATE t SET tags = tags - 'x' WHERE tags ? 'x' AND tags ?| array['y']", false, true))
                .isEqualTo("UPDATE t SET tags = tags - 'x' WHERE (tags ?? 'x' AND tags ??| array['y']) AND"
                        + " t.\"id\" <= CAST(? AS bigint)");
        assertThat(rewritten("UPDATE t SET a = '?' WHERE b = '?'", false, false)).isEqualTo("UPDATE t SET a = '?' WHERE b = '?'");
    }

    @Test
    void insertSelectIsBatchedOverTheSourceKey() {
        BatchShape s = shape("INSERT INTO archive (id, a) SELECT m.id, m.a FROM moves AS m JOIN x ON x.id = m.x"
                + " WHERE m.done ORDER BY m.id ON CONFLICT (id) DO UPDATE SET a = excluded.a WHERE archive.a <> 0"
                + " RETURNING id;");
        assertThat(s.kind()).isEqualTo(BatchShape.Kind.INSERT_SELECT);
        assertThat(s.target().name()).isEqualTo("archive");
        assertThat(s.keyTable()).isEqualTo(new TableRef("moves", false, java.util.Optional.of("m")));
        assertThat(s.returnsRows()).isTrue();
        assertThat(new BatchSql(s, ID, 100).statement(true, true)).isEqualTo("INSERT INTO archive (id, a) SELECT"
                + " m.id, m.a FROM moves AS m JOIN x ON x.id = m.x WHERE (m.done) AND m.\"id\" > CAST(? AS bigint) AND"
                + " m.\"id\" <= CAST(? AS bigint) ORDER BY m.id ON CONFLICT (id) DO UPDATE SET a = excluded.a WHERE"
                + " archive.a <> 0 RETURNING id");
        assertThat(new BatchSql(shape("INSERT INTO a SELECT * FROM s ON CONFLICT DO NOTHING"), ID, 100)
                .statement(false, true)).isEqualTo("INSERT INTO a SELECT * FROM s WHERE s.\"id\" <= CAST(? AS bigint)"
                + " ON CONFLICT DO NOTHING");
    }

    @Test
    void theBoundQueryWalksTheKeyIndexFromTheCursor() {
        BatchSql sql = new BatchSql(shape("UPDATE ONLY t SET a = 1"), ID, 100);
        assertThat(sql.boundQuery(true)).isEqualTo("SELECT bascule_walk.\"id\"::text FROM ONLY \"public\".\"t\" AS"
                + " bascule_walk WHERE bascule_walk.\"id\" > CAST(? AS bigint) ORDER BY bascule_walk.\"id\" LIMIT 1"
                + " OFFSET 99");
        assertThat(sql.boundQuery(false)).doesNotContain("WHERE").doesNotContain("?");
    }

    @Test
    void statementsThatCannotBeBatchedAreRefusedWithFileAndLine() {
        refused("SELECT * FROM t;", 2, 1, "bascule:batch is written before SELECT", "single-table UPDATE, DELETE or INSERT");
        refused("CREATE INDEX i ON t (a);", 2, 1, "written before CREATE INDEX I");
        refused("WITH x AS (SELECT 1) UPDATE t SET a = 1;", 2, 1, "WITH query (CTE) at the top");
        refused("UPDATE t SET a = 1\nWHERE CURRENT OF c;", 3, 1, "WHERE CURRENT OF");
        refused("INSERT INTO t VALUES (1);", 2, 15, "INSERT ... VALUES cannot be batched");
        refused("INSERT INTO t DEFAULT VALUES;", 2, 15, "cannot be batched");
        refused("INSERT INTO t SELECT 1;", 2, 15, "without FROM");
        refused("INSERT INTO t SELECT DISTINCT a FROM s;", 2, 22, "SELECT DISTINCT");
        refused("INSERT INTO t SELECT count(*) FROM s;", 2, 22, "aggregate or window function count");
        refused("INSERT INTO t SELECT a, row_number() OVER () FROM s;", 2, 38, "window function over");
        refused("INSERT INTO t SELECT a FROM s GROUP BY a;", 2, 31, "GROUP in a batched INSERT");
        refused("INSERT INTO t SELECT a FROM s LIMIT 10;", 2, 31, "LIMIT");
        refused("INSERT INTO t SELECT a FROM s UNION SELECT b FROM u;", 2, 31, "UNION");
        refused("INSERT INTO t SELECT a FROM u RIGHT JOIN s ON true;", 2, 31, "RIGHT");
        refused("INSERT INTO t SELECT a FROM (SELECT 1 AS a) s;", 2, 29, "must be a table");
        refused("INSERT INTO t SELECT a FROM generate_series(1, 3) a;", 2, 44, "not a function call");
        refused("UPDATE t;", 2, 9, "expected SET");
        refused("DELETE t WHERE a;", 2, 8, "expected FROM after DELETE");
        refused("UPDATE t SET a = $1;", 2, 18, "positional parameter $1");
        refused("DELETE FROM t WHERE ;", 2, 15, "WHERE has no condition");
    }

    @Test
    void aBatchedStatementIsOneStatement() {
        Statement twoStatements = new Statement("UPDATE t SET a = 1; DELETE FROM t", "m.sql", 4, 3,
                dev.bascule.sql.StatementKind.ORDINARY, null);
        assertThatThrownBy(() -> BatchShape.of(twoStatements)).isInstanceOfSatisfying(BatchStatementError.class, e -> {
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.column()).isEqualTo(21);
            assertThat(e.detail()).contains("single statement");
        });
        Script script = ScriptParser.parse("m.sql", "-- bascule:batch size=10\nUPDATE t SET a = 1; DELETE FROM t;");
        assertThat(script.statements().get(1).directives()).isEmpty();
    }

    private static void refused(String sql, int line, int column, String... fragments) {
        assertThatThrownBy(() -> shape(sql)).isInstanceOfSatisfying(BatchStatementError.class, e -> {
            assertThat(e.detail()).contains(fragments);
            assertThat(e.sourceName()).isEqualTo("m.sql");
            assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
            assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
        });
    }
}
