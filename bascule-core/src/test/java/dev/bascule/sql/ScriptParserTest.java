package dev.bascule.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptParserTest {

    private static List<Statement> split(String text) {
        return ScriptParser.parse("m.sql", text).statements();
    }

    private static List<String> sqls(String text) {
        return split(text).stream().map(Statement::sql).toList();
    }

    @Test
    void statementsKeepTheirExactTextAndPosition() {
        List<Statement> statements = split("-- header\n\nCREATE TABLE t (a int);  SELECT 1\n  ;\n\n  UPDATE t SET a = 2");
        assertThat(statements).extracting(Statement::sql)
                .containsExactly("CREATE TABLE t (a int);", "SELECT 1\n  ;", "UPDATE t SET a = 2");
        assertThat(statements).extracting(Statement::line).containsExactly(3, 3, 6);
        assertThat(statements).extracting(Statement::column).containsExactly(1, 26, 3);
        assertThat(statements).extracting(Statement::sourceName).containsOnly("m.sql");
    }

    @Test
    void emptyStatementsAndTrailingCommentsAreDropped() {
        assertThat(sqls(";;\nSELECT 1;; ;\n-- done\n/* end */\n")).containsExactly("SELECT 1;");
        assertThat(split("  \n-- nothing\n")).isEmpty();
    }

    @Test
    void milMoveSplitterFailureCases() {
        // MilMove's splitter cut at "--" inside a literal, missed lowercase do $$ and dropped files with DO NOTHING.
        assertThat(sqls("INSERT INTO t VALUES ('a--b');\nSELECT 2;")).containsExactly(
                "INSERT INTO t VALUES ('a--b');", "SELECT 2;");
        String doBlock = "do $$\nbegin\n  perform 1;\n  raise notice 'x;y';\nend\n$$;";
        assertThat(sqls(doBlock + "\nselect 3;")).containsExactly(doBlock, "select 3;");
        String procedure = "CREATE PROCEDURE p() LANGUAGE plpgsql AS $$ BEGIN UPDATE t SET a = 1; COMMIT; END; $$;";
        assertThat(sqls(procedure + "\nCALL p();")).containsExactly(procedure, "CALL p();");
        assertThat(sqls("INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING;\nINSERT INTO t VALUES (2) ON CONFLICT"
                + " (a) DO UPDATE SET a = 3;")).hasSize(2);
    }

    @Test
    void popSingleQuotedPlpgsqlBodies() {
        String function = "CREATE FUNCTION f() RETURNS trigger AS '\nBEGIN\n  NEW.updated_at = now();\n"
                + "  RAISE NOTICE ''saved; ok'';\n  RETURN NEW;\nEND;\n' LANGUAGE plpgsql;";
        assertThat(sqls(function + "\nSELECT 1;")).containsExactly(function, "SELECT 1;");
    }

    @Test
    void sqlStandardBodiesKeepTheirSemicolons() {
        String function = "CREATE OR REPLACE FUNCTION f(x int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
                + "  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;\n  SELECT x;\nEND;";
        String procedure = "create procedure p() begin atomic insert into t values (1); end;";
        assertThat(sqls(function + "\n" + procedure + "\nselect 1;")).containsExactly(function, procedure,
                "select 1;");
        // Only CREATE [OR REPLACE] FUNCTION/PROCEDURE opens a body: a transaction BEGIN ends at its ";".
        assertThat(sqls("BEGIN;\nSELECT 1;\nEND;")).hasSize(3);
    }

    @Test
    void followsStandardConformingStringsLikePsql() {
        String script = "SET standard_conforming_strings = off;\nSELECT 'a\\'; b';\n"
                + "SET standard_conforming_strings TO 'on';\nSELECT 'c\\';\nRESET ALL;\n";
        assertThat(sqls(script)).containsExactly("SET standard_conforming_strings = off;", "SELECT 'a\\'; b';",
                "SET standard_conforming_strings TO 'on';", "SELECT 'c\\';", "RESET ALL;");
        assertThat(sqls("SET standard_conforming_strings = off;\nRESET standard_conforming_strings;\n"
                + "SELECT 'd\\';")).containsExactly("SET standard_conforming_strings = off;",
                "RESET standard_conforming_strings;", "SELECT 'd\\';");
    }

    @Test
    void semicolonsInsideParenthesesDoNotEndAStatement() {
        assertThat(sqls("SELECT (1; 2);\nSELECT 3;")).containsExactly("SELECT (1; 2);", "SELECT 3;");
    }

    @Test
    void classifiesTransactionControl() {
        assertThat(split("BEGIN; start transaction; SAVEPOINT s; RELEASE s; ROLLBACK TO s; COMMIT; end; abort;"
                + " PREPARE TRANSACTION 'x'; rollback;"))
                .extracting(Statement::kind).containsOnly(StatementKind.TRANSACTION_CONTROL).hasSize(10);
    }

    @Test
    void classifiesStatementsThatRefuseATransactionBlock() {
        String script = """
                CREATE INDEX CONCURRENTLY i ON t (a);
                create unique index concurrently if not exists i2 on t (a);
                DROP INDEX CONCURRENTLY IF EXISTS i;
                REINDEX INDEX CONCURRENTLY i;
                reindex (verbose) table concurrently t;
                REINDEX DATABASE d;
                VACUUM (ANALYZE) t;
                vacuum;
                CREATE DATABASE d;
                DROP DATABASE d;
                ALTER DATABASE d SET TABLESPACE ts;
                ALTER SYSTEM SET work_mem = '8MB';
                CREATE TABLESPACE ts LOCATION '/x';
                DROP TABLESPACE ts;
                CREATE SUBSCRIPTION s CONNECTION 'c' PUBLICATION p;
                DROP SUBSCRIPTION s;
                ALTER SUBSCRIPTION s REFRESH PUBLICATION;
                COMMIT PREPARED 'x';
                ROLLBACK PREPARED 'x';
                DISCARD ALL;
                CLUSTER;
                ALTER TABLE p DETACH PARTITION c CONCURRENTLY;
                """;
        assertThat(split(script)).extracting(Statement::kind).containsOnly(StatementKind.NO_TRANSACTION).hasSize(22);
    }

    @Test
    void ordinaryStatementsStayOrdinary() {
        String script = """
                CREATE INDEX i ON t (a);
                CREATE INDEX concurrently_named ON t (a);
                DO $$ BEGIN CREATE INDEX CONCURRENTLY i ON t (a); END $$;
                REFRESH MATERIALIZED VIEW CONCURRENTLY v;
                REINDEX TABLE t;
                ALTER DATABASE d SET work_mem = '1MB';
                ALTER TABLE p DETACH PARTITION c;
                CLUSTER t USING i;
                SELECT 'VACUUM';
                COPY t TO STDOUT;
                COPY t FROM '/tmp/stdin';
                ALTER TYPE e ADD VALUE 'x';
                ANALYZE t;
                SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
                """;
        assertThat(split(script)).extracting(Statement::kind).containsOnly(StatementKind.ORDINARY).hasSize(14);
    }

    @Test
    void alterTypeAddValueRefusesTransactionsBeforePostgres12() {
        Statement addValue = split("alter type mood add value if not exists 'meh' after 'ok';").get(0);
        assertThat(addValue.mustRunOutsideTransaction(110000)).isTrue();
        assertThat(addValue.mustRunOutsideTransaction(120000)).isFalse();
        Statement addAttribute = split("ALTER TYPE t ADD ATTRIBUTE value int;").get(0);
        assertThat(addAttribute.mustRunOutsideTransaction(110000)).isFalse();
        Statement vacuum = split("VACUUM t;").get(0);
        assertThat(vacuum.mustRunOutsideTransaction(170000)).isTrue();
        assertThat(split("SELECT 1;").get(0).mustRunOutsideTransaction(90600)).isFalse();
    }

    @Test
    void copyFromStdinCarriesItsData() {
        String script = "COPY t (a, b) FROM stdin;\n1\tx\n2\t'y;\n\\.\nCOPY u FROM STDIN WITH (FORMAT csv);\r\n"
                + "\"a\nb\",1\r\n\\.\r\ncopy v from stdin with csv header;\na\n\\.\nSELECT 1;";
        List<Statement> statements = split(script);
        assertThat(statements).extracting(Statement::kind).containsExactly(StatementKind.COPY_FROM_STDIN,
                StatementKind.COPY_FROM_STDIN, StatementKind.COPY_FROM_STDIN, StatementKind.ORDINARY);
        assertThat(statements).extracting(Statement::copyData).containsExactly("1\tx\n2\t'y;\n", "\"a\nb\",1\r\n",
                "a\n", null);
        assertThat(statements).extracting(Statement::line).containsExactly(1, 5, 9, 12);
        assertThat(statements.get(0).sql()).isEqualTo("COPY t (a, b) FROM stdin;");
    }

    @Test
    void aBackslashDotLineEndsCsvDataEvenInsideAQuotedValue() {
        // psql 15 reads COPY data line by line without parsing CSV: checked against the real psql.
        List<Statement> statements = split("COPY t FROM stdin WITH (FORMAT csv);\n\"x\n\\.\nSELECT 1;\n");
        assertThat(statements).extracting(Statement::sql).containsExactly("COPY t FROM stdin WITH (FORMAT csv);",
                "SELECT 1;");
        assertThat(statements.get(0).copyData()).isEqualTo("\"x\n");
    }

    @Test
    void copyWithoutDataIsAnError() {
        assertThatThrownBy(() -> split("SELECT 1;\nCOPY t FROM stdin;")).isInstanceOfSatisfying(
                ScriptSyntaxError.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.detail()).contains("has no data");
                });
        assertThatThrownBy(() -> split("COPY t FROM stdin")).isInstanceOf(ScriptSyntaxError.class);
    }

    @Test
    void metaCommandsOtherThanIncludesAreErrors() {
        assertThatThrownBy(() -> split("SELECT 1;\n\\set x 1\n")).isInstanceOfSatisfying(ScriptSyntaxError.class,
                e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.detail()).contains("\\set is not supported");
                });
        assertThatThrownBy(() -> split("SELECT 1 \\g\n")).isInstanceOfSatisfying(ScriptSyntaxError.class,
                e -> assertThat(e.detail()).contains("inside an unfinished statement"));
        assertThatThrownBy(() -> split("\\i other.sql\n")).isInstanceOfSatisfying(ScriptSyntaxError.class,
                e -> assertThat(e.detail()).contains("includes need a resolver"));
    }
}
