package dev.bascule.expand;

import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof of issue 13: each change applied phase by phase under a simulated rolling deploy. The old release
 * writes the old column while phase 1 applies; during phase 2 the new release writes the new column while the
 * old one still runs; only the new release runs while phase 3 applies. Zero write errors, zero rows where the
 * columns disagree in any snapshot once a row is synced (every row once the backfill is done), and the last
 * committed write of every row is the value the new column holds at the end.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class RollingDeployTest {

    private static final int ROWS = 3000;
    private static final BigInteger VERSION = new BigInteger("20260301090000");

    @TempDir
    Path project;

    @Test
    void renameUnderARollingDeploy(TestDatabase db) throws Exception {
        db.execute("""
                CREATE TABLE statuses (code text PRIMARY KEY);
                INSERT INTO statuses VALUES ('draft'), ('submitted'), ('approved'), ('in_transit'), ('delivered');
                CREATE TABLE moves (
                    id bigserial PRIMARY KEY,
                    locator text NOT NULL,
                    status text NOT NULL DEFAULT 'draft' REFERENCES statuses (code) CHECK (status <> ''),
                    rev integer NOT NULL DEFAULT 0,
                    CONSTRAINT moves_locator_status_key UNIQUE (locator, status));
                CREATE INDEX moves_status_idx ON moves (status);
                COMMENT ON COLUMN moves.status IS 'Where the move is in its life cycle.';
                INSERT INTO moves (locator, status)
                SELECT 'seed-' || g, (ARRAY['draft', 'submitted', 'approved', 'in_transit'])[1 + g %% 4]
                  FROM generate_series(1, %d) AS g;
                """.formatted(ROWS));
        List<String> codes = List.of("draft", "submitted", "approved", "in_transit", "delivered");
        RollingDeploy run = deploy(db, new ColumnChange.Rename(TableName.of("moves"), "status", "state"),
                new RollingDeploy.Scenario("moves", "status", "state", "?", "?", r -> codes.get(r.nextInt(codes.size())),
                        "draft", "status IS DISTINCT FROM state"), null);
        assertProven(db, run, "state");
        assertThat(db.column("SELECT attnotnull::text || ' ' || pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a"
                + " JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE a.attrelid = 'moves'::regclass AND a.attname = 'state'"))
                .containsExactly("true 'draft'::text");
        assertThat(db.column("SELECT conname || ' ' || convalidated FROM pg_constraint"
                + " WHERE conrelid = 'moves'::regclass AND contype <> 'p' ORDER BY 1"))
                .containsExactly("moves_locator_state_key true", "moves_state_check true", "moves_state_fkey true");
        assertThat(db.column("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'moves'::regclass"
                + " AND indisvalid ORDER BY 1")).containsExactly("moves_locator_state_key", "moves_pkey", "moves_state_idx");
        assertThat(db.column("SELECT col_description(attrelid, attnum) FROM pg_attribute"
                + " WHERE attrelid = 'moves'::regclass AND attname = 'state'"))
                .containsExactly("Where the move is in its life cycle.");
    }

    @Test
    void integerToBigintUnderARollingDeploy(TestDatabase db) throws Exception {
        db.execute("""
                CREATE TABLE moves (
                    id bigserial PRIMARY KEY,
                    locator text NOT NULL,
                    weight integer DEFAULT 0 CHECK (weight >= 0),
                    rev integer NOT NULL DEFAULT 0);
                CREATE INDEX moves_weight_idx ON moves (weight);
                INSERT INTO moves (locator, weight)
                SELECT 'seed-' || g, CASE WHEN g %% 10 = 0 THEN NULL ELSE g * 7 END FROM generate_series(1, %d) AS g;
                """.formatted(ROWS));
        Function<Random, String> weights = r -> r.nextInt(10) == 0 ? null : Integer.toString(r.nextInt(Integer.MAX_VALUE));
        RollingDeploy run = deploy(db, type("weight", "bigint", null),
                new RollingDeploy.Scenario("moves", "weight", "weight_new", "CAST(? AS integer)", "CAST(? AS bigint)",
                        weights, "0", "weight::bigint IS DISTINCT FROM weight_new"), null);
        assertProven(db, run, "weight_new");
        assertThat(db.column("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'moves'::regclass AND attname = 'weight_new'")).containsExactly("bigint");
        assertThat(db.column("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'moves_weight_new_check'"))
                .containsExactly("CHECK ((weight_new >= 0))");
    }

    @Test
    void textToEnumUnderARollingDeploy(TestDatabase db) throws Exception {
        db.execute("""
                CREATE TYPE move_kind AS ENUM ('local', 'long_distance', 'international');
                CREATE TABLE moves (
                    id bigserial PRIMARY KEY,
                    locator text NOT NULL,
                    kind text NOT NULL DEFAULT 'local',
                    rev integer NOT NULL DEFAULT 0);
                CREATE INDEX moves_kind_idx ON moves (kind);
                INSERT INTO moves (locator, kind)
                SELECT 'seed-' || g, (ARRAY['local', 'long_distance'])[1 + g %% 2] FROM generate_series(1, %d) AS g;
                """.formatted(ROWS));
        List<String> kinds = List.of("local", "long_distance", "international");
        RollingDeploy run = deploy(db, type("kind", "move_kind", "kind::move_kind"),
                new RollingDeploy.Scenario("moves", "kind", "kind_new", "?", "CAST(? AS move_kind)",
                        r -> kinds.get(r.nextInt(kinds.size())), "local", "kind IS DISTINCT FROM kind_new::text"), null);
        assertProven(db, run, "kind_new");
        assertThat(db.column("SELECT format_type(atttypid, atttypmod) || ' ' || attnotnull FROM pg_attribute"
                + " WHERE attrelid = 'moves'::regclass AND attname = 'kind_new'")).containsExactly("move_kind true");
    }

    @Test
    void textToCitextUnderARollingDeploy(TestDatabase db) throws Exception {
        db.execute("""
                CREATE EXTENSION citext;
                CREATE TABLE moves (
                    id bigserial PRIMARY KEY,
                    locator text NOT NULL,
                    email text,
                    rev integer NOT NULL DEFAULT 0);
                CREATE INDEX moves_email_idx ON moves (email);
                INSERT INTO moves (locator, email) SELECT 'seed-' || g, 'Person' || (g %% 50) || '@Example.org'
                  FROM generate_series(1, %d) AS g;
                """.formatted(ROWS));
        // Values differing only in case: citext's equality calls them equal, the sync must still copy them.
        List<String> emails = List.of("ann@example.org", "Ann@Example.org", "ANN@EXAMPLE.ORG", "bob@example.org",
                "Bob@example.org");
        RollingDeploy run = deploy(db, type("email", "citext", null),
                new RollingDeploy.Scenario("moves", "email", "email_new", "?", "CAST(? AS citext)",
                        r -> r.nextInt(8) == 0 ? null : emails.get(r.nextInt(emails.size())), null,
                        "email IS DISTINCT FROM email_new::text"), null);
        assertProven(db, run, "email_new");
    }

    /**
     * The control: with a phase 2 that only copies new into old (the obvious reading of seed 003), the old
     * release's writes during the deploy are silently reverted. The columns never disagree, so only the ledger
     * catches it: this is why phase 2 syncs both ways, and why the proof checks the ledger.
     */
    @Test
    void aOneWayPhaseTwoLosesTheOldReleasesWrites(TestDatabase db) throws Exception {
        db.execute("""
                CREATE TABLE moves (id bigserial PRIMARY KEY, locator text NOT NULL, status text,
                                    rev integer NOT NULL DEFAULT 0);
                INSERT INTO moves (locator, status) SELECT 'seed-' || g, 'draft' FROM generate_series(1, %d) AS g;
                """.formatted(ROWS));
        List<String> codes = List.of("draft", "submitted", "approved");
        RollingDeploy run = deploy(db, new ColumnChange.Rename(TableName.of("moves"), "status", "state"),
                new RollingDeploy.Scenario("moves", "status", "state", "?", "?", r -> codes.get(r.nextInt(codes.size())),
                        null, "status IS DISTINCT FROM state"),
                plan -> {
                    GeneratedFile phaseTwo = plan.files().stream()
                            .filter(f -> f.kind() == GeneratedFile.Kind.FUNCTION && f.phase() == 2).findFirst().orElseThrow();
                    write(project.resolve(phaseTwo.path()), """
                            CREATE OR REPLACE FUNCTION moves_status_sync() RETURNS trigger LANGUAGE plpgsql AS $$
                            BEGIN
                                NEW.status := NEW.state;
                                RETURN NEW;
                            END
                            $$;
                            """);
                });
        assertThat(run.writeErrors).isEmpty();
        assertThat(run.disagreements).isEmpty();
        assertThat(lostWrites(db, run, "state")).isNotEmpty();
    }

    private static ColumnChange.ChangeType type(String column, String type, String using) {
        return new ColumnChange.ChangeType(TableName.of("moves"), column, type, Optional.ofNullable(using),
                Optional.empty(), ColumnChange.ChangeType.defaultNewColumn(column));
    }

    /** Generates the change from the live schema, then applies it phase by phase while the releases write. */
    private RollingDeploy deploy(TestDatabase db, ColumnChange change, RollingDeploy.Scenario scenario,
                                 java.util.function.Consumer<ExpandContractPlan> tamper) throws Exception {
        try (Connection migrator = db.admin().connect()) {
            ExpandContractPlan plan = ExpandContract.plan(ExpandContractRequest.of(change, VERSION).withBatchSize(250),
                    migrator, Duration.ofSeconds(10));
            MigrationHarness harness = new MigrationHarness(project, migrator);
            harness.write(plan);
            if (tamper != null) {
                tamper.accept(plan);
            }
            RollingDeploy run = new RollingDeploy(db.admin(), scenario);
            run.recordExistingRows();
            RollingDeploy.Checker checker = run.new Checker();
            RollingDeploy.Writer oldRelease = run.new Writer("old", scenario.oldColumn(), scenario.oldParameter(), 1);
            checker.start();
            oldRelease.start();
            RollingDeploy.pause(300);

            run.phase("phase1");
            for (GeneratedFile file : plan.migrations(1)) {
                harness.apply(file);
                RollingDeploy.pause(100);
            }
            run.backfillDone();
            RollingDeploy.pause(300);

            run.phase("phase2");
            RollingDeploy.Writer newRelease = run.new Writer("new", scenario.newColumn(), scenario.newParameter(), 2);
            for (GeneratedFile file : plan.migrations(2)) {
                harness.apply(file);
                RollingDeploy.pause(100);
                if (!newRelease.isAlive() && !isSwitch(file)) {
                    newRelease.start(); // the two-way sync and the default are in place: the new release may write
                }
            }
            if (!newRelease.isAlive()) {
                newRelease.start();
            }
            RollingDeploy.pause(600);
            oldRelease.finish(); // the deploy has rolled: the old release is gone

            run.phase("phase3");
            RollingDeploy.pause(200);
            harness.applyPhase(plan, 3);
            RollingDeploy.pause(300);
            newRelease.finish();
            checker.finish();
            System.out.printf("%s: writes %s; %d snapshot checks with both columns (%d after the backfill)%n",
                    plan.name(), new java.util.TreeMap<>(run.writes), run.checksWithBothColumns.get(),
                    run.checksAfterBackfill.get());
            return run;
        }
    }

    /** The first phase-2 migrations: two-way sync, then the default moved; the new release waits for both. */
    private static boolean isSwitch(GeneratedFile file) {
        String name = file.fileName();
        return name.endsWith("_2_" + PhaseFiles.SYNC_BOTH_WAYS + ".up.sql")
                || name.endsWith("_2_" + PhaseFiles.MOVE_DEFAULT + ".up.sql");
    }

    private static void assertProven(TestDatabase db, RollingDeploy run, String newColumn) {
        assertThat(run.writeErrors).isEmpty();
        assertThat(run.checkerErrors).isEmpty();
        assertThat(run.disagreements).isEmpty();
        assertThat(run.writes.keySet()).contains("old@phase1", "old@phase2", "new@phase2", "new@phase3");
        assertThat(run.checksWithBothColumns.get()).isGreaterThan(20);
        assertThat(run.checksAfterBackfill.get()).isGreaterThan(10);
        assertThat(lostWrites(db, run, newColumn)).isEmpty();
        assertThat(db.column("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'moves'::regclass AND NOT tgisinternal"))
                .containsExactly("0");
    }

    /** Rows whose new column does not hold the last committed write. */
    private static List<String> lostWrites(TestDatabase db, RollingDeploy run, String newColumn) {
        Map<Long, String> actual = new HashMap<>();
        try (Connection c = db.admin().connect(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, " + newColumn + "::text FROM moves")) {
            while (rs.next()) {
                actual.put(rs.getLong(1), rs.getString(2));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(run.ledger().keySet());
        return run.ledger().entrySet().stream()
                .filter(e -> !java.util.Objects.equals(e.getValue().value(), actual.get(e.getKey())))
                .map(e -> "row " + e.getKey() + ": last write " + e.getValue() + ", holds " + actual.get(e.getKey()))
                .sorted().toList();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
