package dev.bascule.plan;

import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.CatalogLoader;
import dev.bascule.catalog.Version;
import dev.bascule.error.Problem;
import dev.bascule.history.AppliedMigration;
import dev.bascule.source.LocalFolderSource;
import dev.bascule.source.MigrationSource;
import dev.bascule.testing.MigrationFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the planner no longer accepts in silence (issue 15, item 6). */
class PlanChecksTest {

    @TempDir
    Path tmp;

    private Catalog catalog(MigrationFolder m) {
        return new CatalogLoader(List.<MigrationSource>of(new LocalFolderSource(m.dir(), false)), Optional.empty()).load();
    }

    private static AppliedMigration row(long id, String version, String script) {
        return new AppliedMigration(id, Version.parse(version), script.substring(script.indexOf('_') + 1), "schema", script,
                null, OffsetDateTime.parse("2026-01-01T00:00:00Z"), "app", 1, true, "main", 0, 0);
    }

    @Test
    void aTargetNoMigrationHasIsAProblemNamingTheNearestVersions() {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("10_a.up.sql", "SELECT 1;");
        m.write("30_c.up.sql", "SELECT 3;");
        Plan plan = Planner.plan(catalog(m), List.of(), new Planner.Options(false, Optional.of(Version.parse("20"))));
        assertThat(plan.valid()).isFalse();
        assertThat(plan.problems()).extracting(Problem::toString).containsExactly("--target: no migration has version 20;"
                + " the nearest below is 10 (10_a.up.sql), the nearest above is 30 (30_c.up.sql): name the version of an"
                + " existing migration ('bascule status' lists them)");
    }

    @Test
    void aTargetThatIsAnAppliedOrListedVersionIsFine() {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("10_a.up.sql", "SELECT 1;");
        assertThat(Planner.plan(catalog(m), List.of(), new Planner.Options(false, Optional.of(Version.parse("10")))).problems())
                .isEmpty();
        // A version only history knows (its file is missing) is reported as missing, not as an unknown target.
        Plan plan = Planner.plan(catalog(m), List.of(row(1, "5", "5_old.up.sql")),
                new Planner.Options(false, Optional.of(Version.parse("5"))));
        assertThat(plan.problems()).extracting(Problem::message).noneMatch(msg -> msg.contains("no migration has version"));
    }

    @Test
    void aVersionRecordedTwiceInHistoryIsAProblemListingTheRows() {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_a.up.sql", "SELECT 1;");
        List<AppliedMigration> history = List.of(row(1, "1", "1_a.up.sql"), row(7, "1", "1_a.up.sql"));
        Plan plan = Planner.plan(catalog(m), history, Planner.Options.DEFAULT);
        assertThat(plan.valid()).isFalse();
        assertThat(plan.problems()).singleElement().satisfies(p -> assertThat(p.toString()).startsWith("1_a.up.sql: version 1"
                + " has 2 rows in the history table (ids 1, 7)").contains("WHERE id IN (7)"));
    }

    @Test
    void aPendingMigrationWithoutStatementsIsAWarning() {
        MigrationFolder m = new MigrationFolder(tmp.resolve("m"));
        m.write("1_empty.up.sql", "");
        m.write("2_comments.up.sql", "-- bascule:no-transaction\n/* nothing /* nested */ here */\n  ;\n-- end");
        m.write("3_real.up.sql", "-- a comment first\nSELECT 1;");
        Plan plan = Planner.plan(catalog(m), List.of(), Planner.Options.DEFAULT);
        assertThat(plan.valid()).isTrue();
        assertThat(plan.warnings()).extracting(Problem::file)
                .containsExactly(m.resolve("1_empty.up.sql").toString(), m.resolve("2_comments.up.sql").toString());
        assertThat(plan.warnings().get(0).message()).startsWith("has no statement (it is empty or holds only comments)");
        // Once applied it is no longer pending: no warning on every later run.
        Plan later = Planner.plan(catalog(m), List.of(row(1, "1", "1_empty.up.sql")), Planner.Options.DEFAULT);
        assertThat(later.warnings()).extracting(Problem::file).containsExactly(m.resolve("2_comments.up.sql").toString());
    }
}
