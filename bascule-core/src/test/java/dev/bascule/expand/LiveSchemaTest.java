package dev.bascule.expand;

import dev.bascule.error.BasculeException;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Facts read from a real catalog, and the checks made there before any file is written. */
@ExtendWith(EmbeddedPostgresExtension.class)
class LiveSchemaTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final TableName MOVES = TableName.of("moves");

    @TempDir
    Path project;

    private static final String SCHEMA = """
            CREATE TABLE statuses (code text PRIMARY KEY);
            CREATE TABLE moves (
                id bigserial PRIMARY KEY,
                locator text NOT NULL,
                status text COLLATE "C" NOT NULL DEFAULT 'draft' REFERENCES statuses (code) ON DELETE RESTRICT
                       CHECK (status <> ''),
                weight integer CHECK (weight >= 0),
                during tsrange,
                seq_no serial,
                CONSTRAINT moves_locator_status_key UNIQUE (locator, status) DEFERRABLE INITIALLY DEFERRED,
                CONSTRAINT moves_no_overlap EXCLUDE USING gist (during WITH &&));
            ALTER TABLE moves ADD CONSTRAINT moves_status_short CHECK (length(status) < 20) NOT VALID;
            CREATE INDEX moves_status_idx ON moves (status) WHERE status <> 'done';
            CREATE INDEX moves_lower_status ON moves (lower(status));
            COMMENT ON COLUMN moves.status IS 'Where the move is.';
            CREATE TABLE shipments (id bigserial PRIMARY KEY, move_id bigint REFERENCES moves (id), weight integer);
            CREATE VIEW heavy_moves AS SELECT id FROM moves WHERE weight > 1000;
            """;

    @Test
    void readsTheColumnAndEverythingThatDependsOnIt(TestDatabase db) throws Exception {
        db.execute(SCHEMA);
        try (Connection c = db.admin().connect()) {
            ColumnFacts f = LiveSchema.read(c, new ColumnChange.Rename(MOVES, "status", "state"), TIMEOUT);
            assertThat(f.type()).isEqualTo("text");
            assertThat(f.collation()).contains("pg_catalog.\"C\"");
            assertThat(f.notNull()).isTrue();
            assertThat(f.defaultExpression()).contains("'draft'::text");
            assertThat(f.comment()).contains("Where the move is.");
            assertThat(f.tableColumns()).containsExactly("id", "locator", "status", "weight", "during", "seq_no");
            assertThat(f.primaryKey()).containsExactly("id");
            assertThat(f.checks()).containsExactly(
                    new ColumnFacts.Check("moves_status_check", "CHECK ((status <> ''::text))", true),
                    new ColumnFacts.Check("moves_status_short", "CHECK ((length(status) < 20)) NOT VALID", false));
            assertThat(f.foreignKeys()).containsExactly(new ColumnFacts.ForeignKey("moves_status_fkey", List.of("status"),
                    "FOREIGN KEY (status) REFERENCES statuses(code) ON DELETE RESTRICT", true));
            assertThat(f.indexes()).extracting(ColumnFacts.Index::name)
                    .containsExactly("moves_locator_status_key", "moves_lower_status", "moves_status_idx");
            assertThat(f.indexes().get(0)).satisfies(i -> {
                assertThat(i.uniqueConstraint()).contains("moves_locator_status_key");
                assertThat(i.deferrable()).isTrue();
                assertThat(i.initiallyDeferred()).isTrue();
            });
            assertThat(f.blockers()).isEmpty();
            assertThat(f.ownedSequence()).isEmpty();

            ColumnFacts seq = LiveSchema.read(c, new ColumnChange.Rename(MOVES, "seq_no", "position"), TIMEOUT);
            assertThat(seq.ownedSequence()).contains("public.moves_seq_no_seq");
        }
    }

    @Test
    void whatForbidsMovingAColumnIsReportedWithTheReason(TestDatabase db) throws Exception {
        db.execute(SCHEMA);
        try (Connection c = db.admin().connect()) {
            assertThatThrownBy(() -> plan(c, new ColumnChange.Rename(MOVES, "id", "move_id")))
                    .hasMessageContaining("moves.id is part of the primary key (constraint moves_pkey on table moves)")
                    .hasMessageContaining("moves.id is referenced by foreign key shipments_move_id_fkey of table shipments");
            assertThatThrownBy(() -> plan(c, new ColumnChange.Rename(MOVES, "weight", "mass")))
                    .hasMessageContaining("moves.weight is used by rule _RETURN on view heavy_moves");
            assertThatThrownBy(() -> plan(c, new ColumnChange.Rename(MOVES, "during", "period")))
                    .hasMessageContaining("moves.during is used by the exclusion constraint constraint moves_no_overlap");
            assertThatThrownBy(() -> plan(c, new ColumnChange.Rename(MOVES, "status", "locator")))
                    .hasMessageContaining("moves already has a column locator");
            db.execute("CREATE INDEX moves_state_idx ON moves (locator); ALTER TABLE moves ADD CONSTRAINT"
                    + " moves_state_check CHECK (weight < 100000)");
            assertThatThrownBy(() -> plan(c, new ColumnChange.Rename(MOVES, "status", "state")))
                    .hasMessageContaining("the copy of an index would be named moves_state_idx, which already exists")
                    .hasMessageContaining("moves already has a constraint moves_state_check, the name a copy would take");
        }
    }

    @Test
    void unknownTablesAndColumnsAreNamed(TestDatabase db) throws Exception {
        db.execute(SCHEMA);
        try (Connection c = db.admin().connect()) {
            assertThatThrownBy(() -> plan(c, new ColumnChange.Rename(TableName.of("movez"), "status", "state")))
                    .isInstanceOf(BasculeException.Configuration.class)
                    .hasMessageContaining("table movez does not exist (search_path: \"$user\", public)");
            assertThatThrownBy(() -> plan(c, new ColumnChange.Rename(MOVES, "statuz", "state")))
                    .hasMessageContaining("table moves has no column statuz; its columns: id, locator, status, weight,"
                            + " during, seq_no");
        }
    }

    @Test
    void typeConversionsAreCheckedByTheDatabase(TestDatabase db) throws Exception {
        db.execute(SCHEMA + "CREATE TYPE move_status AS ENUM ('draft', 'done'); DROP VIEW heavy_moves;");
        try (Connection c = db.admin().connect()) {
            assertThatThrownBy(() -> plan(c, type("status", "move_status", null, null)))
                    .hasMessageContaining("moves.status (text) has no assignment cast to move_status (column \"v\" is of"
                            + " type move_status but expression is of type text); give USING, e.g. USING"
                            + " status::move_status")
                    .hasMessageContaining("the CHECK copied as moves_status_new_check CHECK ((status_new <> ''::text))"
                            + " does not hold for move_status (operator does not exist: move_status <> text)");
            assertThatThrownBy(() -> plan(c, type("status", "move_status", "status::move_statuz", null)))
                    .hasMessageContaining("USING status::move_statuz does not give a move_status for moves.status:"
                            + " type \"move_statuz\" does not exist");
            assertThatThrownBy(() -> plan(c, type("weight", "intervall", null, null)))
                    .hasMessageContaining("type intervall cannot be used: type \"intervall\" does not exist");
            assertThatThrownBy(() -> plan(c, type("weight", "tsrange", "tsrange(null, null)", null)))
                    .hasMessageContaining("phase 2 copies the new code's writes back into moves.weight, but tsrange has"
                            + " no assignment cast to integer");
            assertThatThrownBy(() -> plan(c, type("weight", "bigint", null, "weight_new::textt")))
                    .hasMessageContaining("reverse USING weight_new::textt does not give a integer");

            ExpandContractPlan plan = ExpandContract.plan(ExpandContractRequest.of(type("weight", "bigint", null, null),
                    BigInteger.ONE), c, TIMEOUT);
            assertThat(plan.migrations(1).get(0).content()).contains("ADD COLUMN weight_new bigint;");
            db.execute("CREATE FUNCTION moves_weight_sync() RETURNS int LANGUAGE sql AS 'SELECT 1'");
            assertThatThrownBy(() -> plan(c, type("weight", "bigint", null, null)))
                    .hasMessageContaining("a function moves_weight_sync() already exists; give the change another sync name");
        }
    }

    /** A serial column: its sequence follows the default, so phase 3's DROP COLUMN does not take it along. */
    @Test
    void aSerialColumnKeepsItsSequence(TestDatabase db) throws Exception {
        db.execute(SCHEMA + "INSERT INTO statuses VALUES ('draft'); INSERT INTO moves (locator) VALUES ('a'), ('b');");
        try (Connection c = db.admin().connect()) {
            ExpandContractPlan plan = ExpandContract.plan(ExpandContractRequest.of(
                    new ColumnChange.Rename(MOVES, "seq_no", "position"), BigInteger.ONE), c, TIMEOUT);
            MigrationHarness harness = new MigrationHarness(project, c);
            harness.write(plan);
            for (int phase = 1; phase <= 3; phase++) {
                harness.applyPhase(plan, phase);
            }
        }
        db.execute("INSERT INTO moves (locator) VALUES ('c')");
        assertThat(db.column("SELECT locator || '=' || position FROM moves ORDER BY id")).containsExactly("a=1", "b=2", "c=3");
        assertThat(db.column("SELECT pg_get_serial_sequence('moves', 'position')")).containsExactly("public.moves_seq_no_seq");
    }

    private static ColumnChange.ChangeType type(String column, String type, String using, String reverse) {
        return new ColumnChange.ChangeType(MOVES, column, type, Optional.ofNullable(using), Optional.ofNullable(reverse),
                column + "_new");
    }

    private static ExpandContractPlan plan(Connection c, ColumnChange change) {
        return ExpandContract.plan(ExpandContractRequest.of(change, BigInteger.ONE), c, TIMEOUT);
    }
}
