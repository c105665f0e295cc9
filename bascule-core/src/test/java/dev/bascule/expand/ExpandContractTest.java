package dev.bascule.expand;

import dev.bascule.error.BasculeException;
import dev.bascule.sql.DirectiveKind;
import dev.bascule.sql.Script;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generator on facts built by hand: which files, in which order, saying what. No database. */
class ExpandContractTest {

    private static final BigInteger V = new BigInteger("20260201090000");
    private static final TableName MOVES = TableName.of("moves");

    private static ColumnFacts status() {
        return ColumnFacts.plain(MOVES, "status", "text")
                .withTableColumns(List.of("id", "locator", "status"), List.of("id"))
                .withNotNull(true)
                .withDefault("'draft'::text")
                .withComment("Where the move is.")
                .withChecks(List.of(new ColumnFacts.Check("moves_status_check", "CHECK ((status <> ''::text))", true),
                        new ColumnFacts.Check("legacy", "CHECK ((status <> 'x'::text)) NOT VALID", false)))
                .withForeignKeys(List.of(new ColumnFacts.ForeignKey("moves_status_fkey", List.of("status"),
                        "FOREIGN KEY (status) REFERENCES statuses(status) ON DELETE RESTRICT", true)))
                .withIndexes(List.of(
                        ColumnFacts.Index.plain("moves_status_idx",
                                "CREATE INDEX moves_status_idx ON public.moves USING btree (status) WHERE (status <> 'done'::text)"),
                        new ColumnFacts.Index("moves_locator_status_key",
                                "CREATE UNIQUE INDEX moves_locator_status_key ON public.moves USING btree (locator, status)",
                                Optional.of("moves_locator_status_key"), true, false, true),
                        new ColumnFacts.Index("moves_broken", "CREATE INDEX moves_broken ON public.moves USING btree (status)",
                                Optional.empty(), false, false, false)));
    }

    private static ExpandContractPlan rename(ColumnFacts facts) {
        return ExpandContract.plan(ExpandContractRequest.of(new ColumnChange.Rename(MOVES, "status", "state"), V), facts);
    }

    @Test
    void renameWritesThePhasesInApplyOrderEachTaggedWithItsPhase() {
        ExpandContractPlan plan = rename(status());
        assertThat(plan.name()).isEqualTo("rename_moves_status_to_state");
        assertThat(plan.files()).extracting(f -> f.path().toString().replace('\\', '/')).containsExactly(
                "db/migrations/20260201090000_rename_moves_status_to_state_1_add_column.up.sql",
                "db/functions/moves_status_sync_v01.sql",
                "db/triggers/moves_status_sync_v01.sql",
                "db/migrations/20260201090001_rename_moves_status_to_state_1_sync_old_to_new.up.sql",
                "db/migrations/20260201090002_rename_moves_status_to_state_1_constraints.up.sql",
                "db/migrations/20260201090003_rename_moves_status_to_state_1_backfill.up.sql",
                "db/functions/moves_status_sync_v02.sql",
                "db/migrations/20260201090004_rename_moves_status_to_state_2_sync_both_ways.up.sql",
                "db/migrations/20260201090005_rename_moves_status_to_state_2_move_default.up.sql",
                "db/migrations/20260201090006_rename_moves_status_to_state_2_validate.up.sql",
                "db/migrations/20260201090007_rename_moves_status_to_state_2_set_not_null.up.sql",
                "db/migrations/20260201090008_rename_moves_status_to_state_2_indexes.up.sql",
                "db/migrations/20260201090009_rename_moves_status_to_state_2_unique_constraints.up.sql",
                "db/migrations/20260201090010_rename_moves_status_to_state_3_contract.up.sql");
        for (GeneratedFile f : plan.migrations()) {
            Script script = PlanFiles.parse(plan, f);
            assertThat(script.directives().find(DirectiveKind.PHASE).orElseThrow().argument())
                    .isEqualTo("rename_moves_status_to_state " + f.phase());
            assertThat(script.directives().find(DirectiveKind.DATA).isPresent()).isEqualTo(f.kind() == GeneratedFile.Kind.DATA);
            assertThat(script.directives().noTransaction()).isEqualTo(f.noTransaction());
            assertThat(f.version()).hasValueSatisfying(v -> assertThat(f.fileName()).startsWith(v + "_"));
        }
        assertThat(plan.files()).filteredOn(GeneratedFile::noTransaction).extracting(GeneratedFile::fileName)
                .containsExactly("20260201090008_rename_moves_status_to_state_2_indexes.up.sql");
        assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("moves_broken is invalid"));
    }

    @Test
    void phaseOneAddsTheColumnThenTheSyncThenNotValidConstraintsThenABatchedBackfill() {
        ExpandContractPlan plan = rename(status());
        List<GeneratedFile> one = plan.migrations(1);
        assertThat(one.get(0).content()).contains("ALTER TABLE moves ADD COLUMN state text;\n"
                + "COMMENT ON COLUMN moves.state IS 'Where the move is.';\n").doesNotContain("DEFAULT").doesNotContain("NOT NULL;");
        assertThat(one.get(1).content()).endsWith("\n\\ir ../functions/moves_status_sync_v01.sql\n"
                + "\\ir ../triggers/moves_status_sync_v01.sql\n");
        assertThat(one.get(2).content()).contains(
                "ALTER TABLE moves ADD CONSTRAINT moves_state_check CHECK ((state <> ''::text)) NOT VALID;\n"
                        + "ALTER TABLE moves ADD CONSTRAINT legacy_state CHECK ((state <> 'x'::text)) NOT VALID;\n"
                        + "ALTER TABLE moves ADD CONSTRAINT moves_state_fkey FOREIGN KEY (state) REFERENCES"
                        + " statuses(status) ON DELETE RESTRICT NOT VALID;\n"
                        + "ALTER TABLE moves ADD CONSTRAINT moves_state_not_null_check CHECK (state IS NOT NULL) NOT VALID;\n");
        GeneratedFile backfill = one.get(3);
        assertThat(backfill.kind()).isEqualTo(GeneratedFile.Kind.DATA);
        var update = PlanFiles.parse(plan, backfill).statements().get(0);
        assertThat(update.sql()).isEqualTo("UPDATE moves SET state = status WHERE state::text IS DISTINCT FROM status::text;");
        assertThat(update.directive(DirectiveKind.BATCH).orElseThrow().argument()).isEqualTo("size=1000 key=id");
    }

    @Test
    void phaseOneFunctionCopiesOldToNewAndTheTriggerCallsItOnInsertAndUpdate() {
        ExpandContractPlan plan = rename(status());
        String function = file(plan, "db/functions/moves_status_sync_v01.sql").content();
        assertThat(function).contains("CREATE OR REPLACE FUNCTION moves_status_sync() RETURNS trigger\n"
                + "    LANGUAGE plpgsql AS $$\nBEGIN\n    NEW.state := NEW.status;\n    RETURN NEW;\nEND\n$$;\n")
                .contains("No recursion");
        assertThat(file(plan, "db/triggers/moves_status_sync_v01.sql").content()).endsWith(
                "CREATE TRIGGER moves_status_sync\n    BEFORE INSERT OR UPDATE ON moves\n"
                        + "    FOR EACH ROW EXECUTE FUNCTION moves_status_sync();\n");
    }

    @Test
    void phaseTwoSyncsBothWaysMovesTheDefaultValidatesAndBuildsIndexesConcurrently() {
        ExpandContractPlan plan = rename(status());
        String function = file(plan, "db/functions/moves_status_sync_v02.sql").content();
        assertThat(function).contains("""
                    IF TG_OP = 'INSERT' THEN
                        IF NEW.status IS NOT NULL THEN
                            NEW.state := NEW.status;
                        ELSE
                            NEW.status := NEW.state;
                        END IF;
                    ELSIF NEW.state::text IS DISTINCT FROM OLD.state::text THEN
                        NEW.status := NEW.state;
                    ELSIF NEW.status::text IS DISTINCT FROM OLD.status::text THEN
                        NEW.state := NEW.status;
                    END IF;
                """);
        List<GeneratedFile> two = plan.migrations(2);
        assertThat(two.get(0).content()).endsWith("\n\\ir ../functions/moves_status_sync_v02.sql\n");
        assertThat(two.get(1).content()).endsWith("\nALTER TABLE moves ALTER COLUMN status DROP DEFAULT;\n"
                + "ALTER TABLE moves ALTER COLUMN state SET DEFAULT 'draft'::text;\n");
        assertThat(two.get(2).content()).endsWith("\nALTER TABLE moves VALIDATE CONSTRAINT moves_state_check;\n"
                + "ALTER TABLE moves VALIDATE CONSTRAINT moves_state_fkey;\n"
                + "ALTER TABLE moves VALIDATE CONSTRAINT moves_state_not_null_check;\n"); // legacy was never valid
        assertThat(two.get(3).content()).contains("ALTER TABLE moves ALTER COLUMN state SET NOT NULL;\n"
                + "ALTER TABLE moves DROP CONSTRAINT moves_state_not_null_check;\n");
        assertThat(two.get(4).content()).endsWith("""

                DROP INDEX CONCURRENTLY IF EXISTS moves_state_idx;
                CREATE INDEX CONCURRENTLY moves_state_idx ON moves USING btree (state) WHERE (state <> 'done'::text);
                DROP INDEX CONCURRENTLY IF EXISTS moves_locator_state_key;
                CREATE UNIQUE INDEX CONCURRENTLY moves_locator_state_key ON moves USING btree (locator, state);
                """);
        assertThat(two.get(5).content()).endsWith("\nALTER TABLE moves ADD CONSTRAINT moves_locator_state_key UNIQUE"
                + " USING INDEX moves_locator_state_key DEFERRABLE;\n");
    }

    @Test
    void phaseThreeDropsTriggerFunctionAndOldColumn() {
        ExpandContractPlan plan = rename(status());
        assertThat(plan.migrations(3)).singleElement().satisfies(f -> assertThat(f.content()).endsWith("""

                DROP TRIGGER moves_status_sync ON moves;
                DROP FUNCTION moves_status_sync();
                -- bascule:ignore ban-drop-column phase 3: the code deployed with phase 2 no longer uses status
                ALTER TABLE moves DROP COLUMN status;
                """));
    }

    @Test
    void aPlainColumnNeedsNeitherConstraintsNorIndexesNorDefaultFiles() {
        ExpandContractPlan plan = rename(ColumnFacts.plain(MOVES, "status", "text"));
        assertThat(plan.migrations()).extracting(f -> f.fileName().replaceFirst("^\\d+_rename_moves_status_to_state_", ""))
                .containsExactly("1_add_column.up.sql", "1_sync_old_to_new.up.sql", "1_backfill.up.sql",
                        "2_sync_both_ways.up.sql", "3_contract.up.sql");
    }

    @Test
    void typeChangeConvertsWithTheCastOrUsingAndBackWithTheReverse() {
        ColumnFacts kind = ColumnFacts.plain(MOVES, "kind", "text").withDefault("'local'::text").withNotNull(true);
        ColumnChange.ChangeType change = new ColumnChange.ChangeType(MOVES, "kind", "move_kind",
                Optional.of("kind::move_kind"), Optional.of("lower(kind_new::text)"), "kind_new");
        ExpandContractPlan plan = ExpandContract.plan(ExpandContractRequest.of(change, V), kind);
        assertThat(plan.name()).isEqualTo("change_moves_kind_to_move_kind");
        assertThat(plan.migrations(1).get(0).content()).contains("ALTER TABLE moves ADD COLUMN kind_new move_kind;");
        assertThat(file(plan, "db/functions/moves_kind_sync_v01.sql").content())
                .contains("NEW.kind_new := (SELECT kind::move_kind FROM (SELECT NEW.*) AS moves);");
        assertThat(file(plan, "db/functions/moves_kind_sync_v02.sql").content())
                .contains("NEW.kind := (SELECT lower(kind_new::text) FROM (SELECT NEW.*) AS moves);")
                .contains("NEW.kind_new := (SELECT kind::move_kind FROM (SELECT NEW.*) AS moves);");
        assertThat(plan.migrations(1).get(3).content()).contains("UPDATE moves SET kind_new = (kind::move_kind)"
                + " WHERE kind_new::text IS DISTINCT FROM (kind::move_kind)::text;");
        assertThat(plan.migrations(2).get(1).content()).contains(
                "ALTER TABLE moves ALTER COLUMN kind_new SET DEFAULT ('local'::text)::move_kind;");
        assertThat(plan.migrations(3).get(0).content()).contains("kind_new keeps its name")
                .doesNotContain("RENAME");
        assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("generate a rename of moves.kind_new to kind"));

        ColumnChange.ChangeType widen = new ColumnChange.ChangeType(MOVES, "weight", "bigint", Optional.empty(),
                Optional.empty(), "weight_new");
        ExpandContractPlan plain = ExpandContract.plan(ExpandContractRequest.of(widen, V),
                ColumnFacts.plain(MOVES, "weight", "integer"));
        assertThat(file(plain, "db/functions/moves_weight_sync_v02.sql").content())
                .contains("NEW.weight := NEW.weight_new;").contains("NEW.weight_new := NEW.weight;");
        assertThat(plain.migrations(1).get(2).content()).contains("UPDATE moves SET weight_new = weight"
                + " WHERE weight_new::text IS DISTINCT FROM CAST(weight AS bigint)::text;");
        assertThat(plain.notes()).anySatisfy(n -> assertThat(n).contains("assignment cast bigint -> integer"));
    }

    @Test
    void aUsingThatReadsOtherColumnsCannotConvertTheDefault() {
        ColumnFacts cents = ColumnFacts.plain(MOVES, "amount", "integer").withDefault("0")
                .withTableColumns(List.of("id", "amount", "currency"), List.of("id"));
        ColumnChange.ChangeType change = new ColumnChange.ChangeType(MOVES, "amount", "numeric",
                Optional.of("amount / CASE currency WHEN 'JPY' THEN 1 ELSE 100 END"), Optional.empty(), "amount_new");
        assertThatThrownBy(() -> ExpandContract.plan(ExpandContractRequest.of(change, V), cents))
                .isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("reads other columns (currency)");
        ExpandContractPlan plan = ExpandContract.plan(ExpandContractRequest.of(change, V)
                .withNotCarried(Set.of("default")), cents);
        assertThat(plan.migrations(2).get(1).content()).contains("DROP DEFAULT").doesNotContain("SET DEFAULT");
        assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("default 0 is not copied"));
    }

    @Test
    void refusalsNameEveryReasonAtOnce() {
        ColumnFacts blocked = status().withTableColumns(List.of("id", "status", "state"), List.of())
                .withBlockers(List.of(
                        new ColumnFacts.Blocker(ColumnFacts.Blocker.Kind.PRIMARY_KEY, "constraint moves_pkey on table moves"),
                        new ColumnFacts.Blocker(ColumnFacts.Blocker.Kind.REFERENCED_BY_FOREIGN_KEY,
                                "foreign key shipments_status_fkey of table shipments"),
                        new ColumnFacts.Blocker(ColumnFacts.Blocker.Kind.DEPENDENT_OBJECT, "rule _RETURN on view open_moves")));
        assertThatThrownBy(() -> rename(blocked))
                .isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("cannot generate expand/contract rename_moves_status_to_state for moves.status:")
                .hasMessageContaining("part of the primary key (constraint moves_pkey on table moves)")
                .hasMessageContaining("referenced by foreign key shipments_status_fkey of table shipments")
                .hasMessageContaining("used by rule _RETURN on view open_moves")
                .hasMessageContaining("already has a column state")
                .hasMessageContaining("has no primary key");
        ColumnFacts identity = new ColumnFacts(MOVES, "status", "bigint", Optional.empty(), true, Optional.empty(),
                Optional.empty(), Optional.empty(), true, false, false, List.of("id", "status"), List.of("id"),
                List.of(), List.of(), List.of(), List.of());
        assertThatThrownBy(() -> rename(identity)).hasMessageContaining("is an identity column");
        assertThatThrownBy(() -> ExpandContract.plan(ExpandContractRequest.of(new ColumnChange.Rename(MOVES, "status",
                "state"), V).withName("Rename Status").withBatchSize(0), status()))
                .hasMessageContaining("change name 'Rename Status' must be")
                .hasMessageContaining("batch size must be 1 to 1000000");
    }

    @Test
    void foldersAndVersionsAreTheCallers() {
        FileLayout layout = new FileLayout(Path.of("db/migrate"), Path.of("db/data"), Path.of("db/sql/functions"),
                Path.of("db/sql/triggers"));
        ExpandContractPlan plan = ExpandContract.plan(ExpandContractRequest.of(new ColumnChange.Rename(MOVES,
                "status", "state"), BigInteger.valueOf(7)).withLayout(layout).withDefinitionVersions(3, 12)
                .withSyncName("status_to_state"), ColumnFacts.plain(MOVES, "status", "text"));
        assertThat(plan.files()).extracting(f -> f.path().toString().replace('\\', '/')).contains(
                "db/migrate/7_rename_moves_status_to_state_1_add_column.up.sql",
                "db/sql/functions/status_to_state_v03.sql", "db/sql/triggers/status_to_state_v12.sql",
                "db/data/9_rename_moves_status_to_state_1_backfill.up.sql",
                "db/sql/functions/status_to_state_v04.sql");
        assertThat(plan.migrations(1).get(1).content()).contains("\\ir ../sql/functions/status_to_state_v03.sql\n"
                + "\\ir ../sql/triggers/status_to_state_v12.sql\n");
        assertThat(plan.migrations(3).get(0).content()).contains("DROP TRIGGER status_to_state ON moves;\n"
                + "DROP FUNCTION status_to_state();");
    }

    @Test
    void namesAreQuotedWhereSqlNeedsItAndSchemaQualifiedWhenGiven() {
        TableName table = new TableName(Optional.of("App"), "order");
        ColumnFacts facts = ColumnFacts.plain(table, "Status", "text");
        ExpandContractPlan plan = ExpandContract.plan(ExpandContractRequest.of(new ColumnChange.Rename(table,
                "Status", "user"), V), facts);
        assertThat(plan.migrations(1).get(0).content()).contains("ALTER TABLE \"App\".\"order\" ADD COLUMN \"user\" text;");
        assertThat(file(plan, "db/functions/order_Status_sync_v01.sql").content())
                .contains("CREATE OR REPLACE FUNCTION \"App\".\"order_Status_sync\"()")
                .contains("NEW.\"user\" := NEW.\"Status\";");
        assertThat(plan.name()).isEqualTo("rename_order_status_to_user");
    }

    @Test
    void columnReferencesAreParsedLikePostgresqlReadsThem() {
        ColumnChange.Rename r = ColumnChange.rename("app.\"Moves\".Status", "State");
        assertThat(r.table()).isEqualTo(new TableName(Optional.of("app"), "Moves"));
        assertThat(r.column()).isEqualTo("status");
        assertThat(r.newColumn()).isEqualTo("state");
        assertThatThrownBy(() -> ColumnChange.rename("status", "state")).hasMessageContaining("is not TABLE.COLUMN");
        assertThatThrownBy(() -> ColumnChange.rename("moves.status", "new state")).hasMessageContaining("is not an identifier");
        ColumnChange.ChangeType t = ColumnChange.changeType("moves.weight", "bigint", null, null, null);
        assertThat(t.newColumn()).isEqualTo("weight_new");
        assertThat(t.using()).isEmpty();
    }

    private static GeneratedFile file(ExpandContractPlan plan, String path) {
        return plan.files().stream().filter(f -> f.path().toString().replace('\\', '/').equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no file " + path));
    }
}
