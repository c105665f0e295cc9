package dev.bascule.lint;

import dev.bascule.lint.model.LockMode;
import dev.bascule.lint.model.StatementLocks;
import dev.bascule.lint.parse.AlterAction;
import dev.bascule.lint.parse.ColumnDef;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.QName;
import dev.bascule.lint.parse.ParsedScript;
import dev.bascule.lint.parse.SqlStatement;
import dev.bascule.lint.parse.TableConstraint;
import dev.bascule.lint.parse.TypeName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The structural reading of DDL the rules rely on. */
class DdlParserTest {

    private static Ddl parse(String sql) {
        List<SqlStatement> statements = ParsedScript.parse("t.sql", sql).statements();
        assertThat(statements).hasSize(1);
        return statements.get(0).ddl();
    }

    @Test
    void createTableColumnsAndConstraints() {
        Ddl ddl = parse("""
                CREATE TABLE IF NOT EXISTS "Billing".invoices (
                    id uuid PRIMARY KEY NOT NULL,
                    user_id uuid NOT NULL CONSTRAINT invoices_user_fkey REFERENCES users ON DELETE CASCADE,
                    total numeric(10, 2) DEFAULT 0 NOT NULL CHECK (total >= 0),
                    note character varying(200) COLLATE "C",
                    seen_at timestamp(3) with time zone DEFAULT now(),
                    created_on date DEFAULT (now()),
                    tags text[],
                    CONSTRAINT invoices_total_key UNIQUE (total, user_id),
                    CONSTRAINT no_overlap EXCLUDE USING gist (daterange(a, b) WITH &&)
                );
                """);
        assertThat(ddl).isInstanceOf(Ddl.CreateTable.class);
        Ddl.CreateTable t = (Ddl.CreateTable) ddl;
        assertThat(t.table()).isEqualTo(QName.of("Billing", "invoices"));
        assertThat(t.ifNotExists()).isTrue();
        assertThat(t.columns()).extracting(ColumnDef::name)
                .containsExactly("id", "user_id", "total", "note", "seen_at", "created_on", "tags");
        ColumnDef total = t.columns().get(2);
        assertThat(total.type()).isEqualTo(new TypeName("numeric", List.of(10, 2), false));
        assertThat(total.defaultText()).isEqualTo("0");
        assertThat(total.notNull()).isTrue();
        assertThat(total.checkText()).isEqualTo("CHECK (total >= 0)");
        assertThat(t.columns().get(1).references()).isEqualTo(QName.of(null, "users"));
        assertThat(t.columns().get(3).type().toString()).isEqualTo("varchar(200)");
        assertThat(t.columns().get(4).type().name()).isEqualTo("timestamptz");
        assertThat(t.columns().get(4).defaultText()).isEqualTo("now()");
        assertThat(t.columns().get(5).defaultText()).isEqualTo("(now())");
        assertThat(t.columns().get(6).type().array()).isTrue();
        assertThat(t.constraints()).extracting(TableConstraint::kind)
                .containsExactly(TableConstraint.Kind.UNIQUE, TableConstraint.Kind.EXCLUDE);
    }

    @Test
    void alterTableSubCommands() {
        Ddl ddl = parse("""
                ALTER TABLE ONLY public.moves
                    ADD COLUMN IF NOT EXISTS locator text NOT NULL DEFAULT 'x',
                    DROP COLUMN legacy CASCADE,
                    ALTER COLUMN status SET DATA TYPE varchar(20) USING status::varchar,
                    ALTER status SET NOT NULL,
                    ADD CONSTRAINT moves_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID,
                    VALIDATE CONSTRAINT moves_other_fkey,
                    ALTER COLUMN note SET STATISTICS 100;
                """);
        Ddl.AlterTable a = (Ddl.AlterTable) ddl;
        assertThat(a.table().key()).isEqualTo("moves");
        assertThat(a.actions()).hasSize(7);
        assertThat(a.actions().get(0)).isInstanceOfSatisfying(AlterAction.AddColumn.class, add -> {
            assertThat(add.ifNotExists()).isTrue();
            assertThat(add.column().defaultText()).isEqualTo("'x'");
        });
        assertThat(a.actions().get(1)).isEqualTo(new AlterAction.DropColumn(a.actions().get(1).at(), "legacy", false));
        assertThat(a.actions().get(2)).isInstanceOfSatisfying(AlterAction.AlterColumnType.class, c -> {
            assertThat(c.type().toString()).isEqualTo("varchar(20)");
            assertThat(c.using()).isTrue();
        });
        assertThat(a.actions().get(3)).isInstanceOf(AlterAction.SetNotNull.class);
        assertThat(a.actions().get(4)).isInstanceOfSatisfying(AlterAction.AddConstraint.class, c -> {
            assertThat(c.constraint().notValid()).isTrue();
            assertThat(c.constraint().references().key()).isEqualTo("users");
        });
        assertThat(a.actions().get(5)).isInstanceOf(AlterAction.ValidateConstraint.class);
        assertThat(a.actions().get(6)).isInstanceOfSatisfying(AlterAction.Other.class,
                o -> assertThat(o.lock()).isEqualTo(AlterAction.LockLevel.SHARE_UPDATE_EXCLUSIVE));
        assertThat(StatementLocks.of(ddl)).isEqualTo(LockMode.ACCESS_EXCLUSIVE);
    }

    @Test
    void indexesDataChangesAndMaintenance() {
        assertThat(parse("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY s.t USING btree (a);"))
                .isEqualTo(new Ddl.CreateIndex(((Ddl.CreateIndex) parse("CREATE UNIQUE INDEX CONCURRENTLY IF NOT "
                        + "EXISTS i ON ONLY s.t USING btree (a);")).at(), "i", QName.of("s", "t"), true, true, true));
        assertThat(parse("WITH x AS (SELECT 1) UPDATE users SET a = (SELECT 1 WHERE true);"))
                .isInstanceOfSatisfying(Ddl.Update.class, u -> assertThat(u.hasWhere()).isFalse());
        assertThat(parse("DELETE FROM ONLY users u WHERE u.id = 1;"))
                .isInstanceOfSatisfying(Ddl.Delete.class, d -> assertThat(d.hasWhere()).isTrue());
        assertThat(parse("INSERT INTO t (id) SELECT uuid_generate_v4() FROM s;"))
                .isInstanceOfSatisfying(Ddl.Insert.class, i -> assertThat(i.uuidCall().text())
                        .isEqualTo("uuid_generate_v4"));
        assertThat(parse("VACUUM (VERBOSE, FULL) t;"))
                .isInstanceOfSatisfying(Ddl.Vacuum.class, v -> assertThat(v.full()).isTrue());
        assertThat(parse("SET LOCAL lock_timeout TO '3s';")).isInstanceOfSatisfying(Ddl.SetParameter.class,
                p -> assertThat(p.value()).isEqualTo("'3s'"));
        assertThat(parse("LOCK TABLE t IN SHARE ROW EXCLUSIVE MODE;")).satisfies(
                d -> assertThat(StatementLocks.of(d)).isEqualTo(LockMode.SHARE_ROW_EXCLUSIVE));
    }

    @Test
    void standardSqlRoutineBodiesStayInOneStatement() {
        List<SqlStatement> statements = ParsedScript.parse("t.sql", """
                CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;
                  SELECT 2;
                END;
                ALTER TABLE users DROP COLUMN x;
                """).statements();
        assertThat(statements).extracting(s -> s.ddl().getClass().getSimpleName())
                .containsExactly("Opaque", "AlterTable");
        assertThat(statements.get(1).line()).isEqualTo(6);
    }

    @Test
    void functionBodiesAreOpaqueAndUnknownStatementsAreNotAnalysed() {
        String sql = """
                CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                  DROP TABLE users; ALTER TABLE users DROP COLUMN x;
                END $$;
                """;
        assertThat(parse(sql)).isInstanceOfSatisfying(Ddl.Opaque.class, o -> assertThat(o.schemaChange()).isTrue());
        assertThat(parse("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE;"))
                .isInstanceOf(Ddl.Opaque.class);
        assertThat(parse("ALTER TABLE t ADD COLUMN;")).isInstanceOfSatisfying(Ddl.NotAnalysed.class,
                n -> assertThat(n.reason()).contains("expected a name"));
        assertThat(parse("FOO BAR;")).isInstanceOf(Ddl.NotAnalysed.class);
    }

    @Test
    void tablesCreatedFromQueriesAreFilledUnlessWithNoData() {
        assertThat(parse("CREATE TABLE t AS SELECT * FROM u;")).isInstanceOfSatisfying(Ddl.CreateTable.class,
                t -> assertThat(t.populated()).isTrue());
        assertThat(parse("CREATE TABLE t (a, b) AS SELECT x, y FROM u;")).isInstanceOfSatisfying(Ddl.CreateTable.class,
                t -> assertThat(t.populated()).isTrue());
        assertThat(parse("CREATE TABLE t AS SELECT * FROM u WITH NO DATA;"))
                .isInstanceOfSatisfying(Ddl.CreateTable.class, t -> assertThat(t.populated()).isFalse());
        assertThat(parse("CREATE TABLE t (a int);")).isInstanceOfSatisfying(Ddl.CreateTable.class,
                t -> assertThat(t.populated()).isFalse());
        assertThat(parse("SELECT DISTINCT ON (a) * INTO s.copy FROM u;")).isInstanceOfSatisfying(
                Ddl.CreateTable.class, t -> {
                    assertThat(t.table().key()).isEqualTo("s.copy");
                    assertThat(t.populated()).isTrue();
                });
        assertThat(parse("SELECT * INTO TEMP scratch FROM u;")).isInstanceOf(Ddl.Opaque.class);
        assertThat(parse("SELECT a FROM u WHERE b IN (SELECT c INTO d FROM e);")).isInstanceOf(Ddl.Opaque.class);
    }

    @Test
    void schemaRenamesMovesEnumRenamesAndDrops() {
        assertThat(parse("ALTER SCHEMA billing RENAME TO invoicing;"))
                .isEqualTo(new Ddl.RenameSchema(first("ALTER SCHEMA billing RENAME TO invoicing;"), "billing", "invoicing"));
        assertThat(parse("ALTER TYPE s.status RENAME VALUE 'a' TO 'b';")).isInstanceOfSatisfying(
                Ddl.RenameEnumValue.class, r -> {
                    assertThat(r.type().key()).isEqualTo("s.status");
                    assertThat(r.from()).isEqualTo("'a'");
                    assertThat(r.to()).isEqualTo("'b'");
                });
        assertThat(parse("ALTER MATERIALIZED VIEW IF EXISTS v SET SCHEMA archive;")).isInstanceOfSatisfying(
                Ddl.SetSchema.class, m -> {
                    assertThat(m.objectKind()).isEqualTo("MATERIALIZED VIEW");
                    assertThat(m.object().key()).isEqualTo("v");
                    assertThat(m.schema()).isEqualTo("archive");
                });
        assertThat(parse("ALTER FUNCTION f(int) SET search_path = x;")).isInstanceOf(Ddl.Opaque.class);
        assertThat(parse("ALTER TABLE t SET SCHEMA archive;")).isInstanceOfSatisfying(Ddl.AlterTable.class,
                a -> assertThat(a.actions().get(0)).isInstanceOf(AlterAction.SetSchema.class));
        assertThat(parse("ALTER TABLE t SET UNLOGGED, DISABLE TRIGGER ALL;")).isInstanceOfSatisfying(
                Ddl.AlterTable.class, a -> assertThat(a.actions()).extracting(x -> x.getClass().getSimpleName())
                        .containsExactly("SetLogged", "DisableTrigger"));
        assertThat(parse("DROP TRIGGER IF EXISTS audit ON s.moves CASCADE;")).isInstanceOfSatisfying(
                Ddl.DropOther.class, d -> {
                    assertThat(d.objectKind()).isEqualTo("TRIGGER");
                    assertThat(d.ifExists()).isTrue();
                    assertThat(d.names()).extracting(QName::key).containsExactly("audit");
                    assertThat(d.on().key()).isEqualTo("s.moves");
                    assertThat(d.cascade()).isTrue();
                    assertThat(StatementLocks.of(d)).isEqualTo(LockMode.ACCESS_EXCLUSIVE);
                    assertThat(StatementLocks.table(d).key()).isEqualTo("s.moves");
                });
        assertThat(parse("DROP MATERIALIZED VIEW a, b;")).isInstanceOfSatisfying(Ddl.DropOther.class,
                d -> assertThat(d.objectKind()).isEqualTo("MATERIALIZED VIEW"));
        assertThat(parse("DROP FUNCTION f(int, text), g();")).isInstanceOfSatisfying(Ddl.DropOther.class,
                d -> assertThat(d.names()).extracting(QName::key).containsExactly("f", "g"));
        assertThat(parse("DROP OWNED BY app CASCADE;")).isInstanceOfSatisfying(Ddl.DropOther.class,
                d -> assertThat(d.cascade()).isTrue());
    }

    private static dev.bascule.sql.Token first(String sql) {
        return ParsedScript.parse("t.sql", sql).statements().get(0).first();
    }
}
