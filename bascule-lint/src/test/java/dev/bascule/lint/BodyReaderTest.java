package dev.bascule.lint;

import dev.bascule.lint.parse.Body;
import dev.bascule.lint.parse.BodyStatement;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.ParsedScript;
import dev.bascule.lint.parse.Routine;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** DO blocks and routine bodies: read with the script engine's lexer, statements placed where they are in the file. */
class BodyReaderTest {

    private static Body only(String sql) {
        List<Body> bodies = ParsedScript.parse("t.sql", sql).bodies();
        assertThat(bodies).hasSize(1);
        return bodies.get(0);
    }

    @Test
    void statementsOfADoBlockKeepTheirFilePositionsKindsAndLoops() {
        Body body = only("""
                SELECT 1;
                DO $tag$
                DECLARE
                  n int := 0;
                BEGIN
                  <<outer>>
                  LOOP
                    UPDATE users SET a = 1 WHERE id IN (SELECT id FROM users LIMIT 10); n := n + 1;
                    IF n > 3 THEN EXIT outer; ELSIF n = 2 THEN PERFORM pg_sleep(1); ELSE NULL; END IF;
                    CASE WHEN n = 1 THEN DELETE FROM t WHERE x = n; ELSE RAISE NOTICE 'n %', n; END CASE;
                  END LOOP outer;
                  FOR r IN SELECT id FROM moves LOOP
                    INSERT INTO log VALUES (r.id);
                  END LOOP;
                EXCEPTION WHEN others THEN
                  ROLLBACK;
                END
                $tag$;
                """);
        assertThat(body.host()).isEqualTo(1);
        assertThat(body.routine().kind()).isEqualTo(Routine.Kind.DO);
        assertThat(body.statements()).extracting(s -> s.statement().line(), s -> s.statement().column(),
                BodyStatement::kind).containsExactly(
                tuple(8, 5, BodyStatement.Kind.SQL),
                tuple(8, 73, BodyStatement.Kind.ASSIGNMENT),
                tuple(9, 19, BodyStatement.Kind.EXIT),
                tuple(9, 48, BodyStatement.Kind.PERFORM),
                tuple(9, 74, BodyStatement.Kind.OTHER),
                tuple(10, 26, BodyStatement.Kind.SQL),
                tuple(10, 58, BodyStatement.Kind.OTHER),
                tuple(12, 12, BodyStatement.Kind.SQL),
                tuple(13, 5, BodyStatement.Kind.SQL),
                tuple(16, 3, BodyStatement.Kind.SQL));
        assertThat(body.statements().get(0).statement().ddl()).isInstanceOf(Ddl.Update.class);
        assertThat(body.statements().get(0).statement().sql())
                .isEqualTo("UPDATE users SET a = 1 WHERE id IN (SELECT id FROM users LIMIT 10);");
        assertThat(body.statements().get(5).statement().ddl()).isInstanceOf(Ddl.Delete.class);
        assertThat(body.statements().get(9).statement().ddl()).isInstanceOf(Ddl.Transaction.class);
        assertThat(body.loops()).hasSize(2);
        assertThat(body.statements().get(5).loop().id()).isEqualTo(0);
        // The FOR query runs once, before its loop, and feeds it.
        assertThat(body.statements().get(7).loop()).isNull();
        assertThat(body.statements().get(7).drives().id()).isEqualTo(1);
        assertThat(body.statements().get(8).loop().id()).isEqualTo(1);
    }

    @Test
    void routinesGiveTheirLanguageVolatilityAndBody() {
        Body sql = only("CREATE OR REPLACE FUNCTION billing.f(a int) RETURNS int IMMUTABLE LANGUAGE 'sql'\n"
                + "AS $$ UPDATE t SET a = 1; DELETE FROM u $$;\n");
        assertThat(sql.routine().name().key()).isEqualTo("billing.f");
        assertThat(sql.routine().volatility()).isEqualTo(Routine.Volatility.IMMUTABLE);
        assertThat(sql.runsNow()).isFalse();
        assertThat(sql.statements()).extracting(s -> s.statement().line(), s -> s.statement().column())
                .containsExactly(tuple(2, 7), tuple(2, 27));
        assertThat(ParsedScript.parse("t.sql", "CREATE FUNCTION c() RETURNS int LANGUAGE c AS 'lib', 'c';\n")
                .bodies()).isEmpty();
        Body quoted = only("CREATE FUNCTION q() RETURNS void LANGUAGE plpgsql AS '\nBEGIN\n  DELETE FROM t;\nEND';\n");
        assertThat(quoted.statements()).extracting(s -> s.statement().line()).containsExactly(3);
        Body escaped = only("CREATE FUNCTION q() RETURNS void LANGUAGE plpgsql AS 'BEGIN DELETE FROM t WHERE a = ''x''; END';\n");
        assertThat(escaped.problem()).contains("write it $$ ... $$");
    }

    @Test
    void aBodyTheLexerCannotReadIsReportedNotThrown() {
        Body body = only("DO $$ BEGIN RAISE NOTICE 'unterminated; END $$;\n");
        assertThat(body.problem()).contains("the body cannot be read");
        assertThat(body.statements()).isEmpty();
    }
}
