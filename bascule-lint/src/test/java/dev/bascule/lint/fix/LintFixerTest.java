package dev.bascule.lint.fix;

import dev.bascule.lint.LintOptions;
import dev.bascule.lint.LintService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lint --fix} without a database: previews, what cannot be fixed, versions, manifests, secure files. */
class LintFixerTest {

    @TempDir
    Path tmp;

    private static final Clock NEW_YEAR_2027 = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);

    private FixReport fix(List<Path> paths, FixOptions options) {
        return new LintService(LintOptions.builder().build()).fixFiles(paths, options);
    }

    private Path write(String name, String sql) throws Exception {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
        return file;
    }

    @Test
    void previewShowsTheDiffAndNewFilesAndWritesNothing() {
        Path folder = FixFixtures.copyIn("adding-foreign-key-constraint", tmp.resolve("m"));
        Map<String, String> before = FixFixtures.contents(folder);

        FixReport report = fix(List.of(folder), FixOptions.preview());

        assertThat(FixFixtures.contents(folder)).isEqualTo(before);
        String out = report.render();
        assertThat(out).contains("-ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)"
                        + " REFERENCES customers (id);\n")
                .contains("+ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)"
                        + " REFERENCES customers (id) NOT VALID;\n")
                .contains("--- /dev/null\n+++ " + folder.resolve("20260101090001_order_links_validate.up.sql"))
                .contains("+ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;")
                .contains("would create " + folder.resolve("20260101090001_order_links_validate.up.sql"))
                .endsWith("2 fixed, 0 not fixable, 1 new migration(s); preview only, nothing written: run again with"
                        + " --write to apply\n");
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void statementsWithoutAMechanicalFixAreLeftAndReported() throws Exception {
        String sql = """
                ALTER TABLE orders ADD COLUMN customer_id bigint REFERENCES customers;
                ALTER TABLE orders ADD COLUMN code text NOT NULL DEFAULT md5(random()::text);
                CREATE INDEX orders_total_idx ON orders (total);
                ALTER TABLE orders ADD CONSTRAINT orders_total_key UNIQUE USING INDEX orders_total_idx;
                DO $$ BEGIN CREATE INDEX orders_code_idx ON orders (code); END $$;
                """;
        Path file = write("m/20260101090000_hard.up.sql", sql);

        FixReport report = fix(List.of(file), FixOptions.preview().withWrite(true));

        assertThat(Files.readString(file)).isEqualTo(sql);
        assertThat(Files.list(file.getParent()).count()).isEqualTo(1);
        assertThat(report.files().get(0).notFixable()).extracting(u -> u.finding().line() + " " + u.finding().ruleId())
                .containsExactly("1 adding-foreign-key-constraint", "2 adding-volatile-default",
                        "3 require-concurrent-index-creation", "5 require-concurrent-index-creation");
        assertThat(report.render()).contains("not fixable: " + file + ":1:20 [adding-foreign-key-constraint] a new"
                        + " column's inline REFERENCES cannot be added NOT VALID")
                .contains(":2:20 [adding-volatile-default] column code has constraints besides its default")
                .contains(":3:1 [require-concurrent-index-creation] the statement at line 4 uses index orders_total_idx")
                .contains("[require-concurrent-index-creation] the statement is inside a DO block");
        assertThat(report.exitCode()).isEqualTo(FixReport.EXIT_NOT_ALL_FIXED);
    }

    @Test
    void versionsGoAfterTheLatestWhenThereIsNoRoomBeforeTheNextOne() throws Exception {
        Path file = write("m/20260101090000_required.up.sql", "ALTER TABLE orders ALTER COLUMN total SET NOT NULL;\n");
        write("m/20260101090001_next.up.sql", "SELECT 1;\n");
        write("other/20261231235959_elsewhere.up.sql", "SELECT 1;\n");

        FixReport late = fix(List.of(file), new FixOptions(false, f -> false, List.of(tmp.resolve("other")),
                Optional.empty(), NEW_YEAR_2027));
        assertThat(late.files().get(0).newFiles()).extracting(n -> n.path().getFileName().toString())
                .containsExactly("20270101000000_required_validate.up.sql");

        write("other/20280101000000_future.up.sql", "SELECT 1;\n");
        FixReport future = fix(List.of(file), new FixOptions(false, f -> false, List.of(tmp.resolve("other")),
                Optional.empty(), NEW_YEAR_2027));
        assertThat(future.files().get(0).newFiles()).extracting(n -> n.path().getFileName().toString())
                .containsExactly("20280101000001_required_validate.up.sql");
    }

    @Test
    void severalFilesNeverGetOneVersionTwice() throws Exception {
        Path first = write("m/10_a.up.sql", "ALTER TABLE a ALTER COLUMN x SET NOT NULL;\n");
        Path second = write("m/11_b.up.sql", "ALTER TABLE b ADD COLUMN t uuid DEFAULT gen_random_uuid();\n"
                + "CREATE INDEX b_t ON b (t);\n");
        write("m/14_c.up.sql", "SELECT 1;\n");

        FixReport report = fix(List.of(first, second), FixOptions.preview().withWrite(true));

        assertThat(report.files()).flatExtracting(FilePlan::newFiles).extracting(n -> n.path().getFileName().toString())
                .containsExactly("15_a_validate.up.sql", "12_b_index_concurrently.up.sql", "13_b_backfill.up.sql");
        assertThat(tmp.resolve("m/12_b_index_concurrently.up.sql")).content().startsWith("-- bascule:no-transaction\n")
                .contains("CREATE INDEX CONCURRENTLY b_t ON b (t);");
    }

    @Test
    void newFilesAreListedInTheManifestRightAfterTheFixedOne() throws Exception {
        Path folder = FixFixtures.copyIn("adding-check-constraint", tmp.resolve("m"));
        Path manifest = write("manifest.txt", "# migrations\n20260101090000_order_checks.up.sql\n20260105000000_x.up.sql\n");
        FixOptions options = new FixOptions(true, f -> false, List.of(), Optional.of(manifest), Clock.systemUTC());

        fix(List.of(folder), options);

        assertThat(manifest).hasContent("# migrations\n20260101090000_order_checks.up.sql\n"
                + "20260101090001_order_checks_validate.up.sql\n20260105000000_x.up.sql\n");
    }

    @Test
    void aManifestNotListingTheFixedFileIsLeftAloneWithANote() throws Exception {
        Path folder = FixFixtures.copyIn("adding-check-constraint", tmp.resolve("m"));
        Path manifest = write("manifest.txt", "20260105000000_x.up.sql\n");

        FixReport report = fix(List.of(folder), new FixOptions(true, f -> false, List.of(), Optional.of(manifest),
                Clock.systemUTC()));

        assertThat(manifest).hasContent("20260105000000_x.up.sql\n");
        assertThat(report.render()).contains("note: 20260101090000_order_checks.up.sql is not listed in " + manifest
                + ": list the new files where it belongs");
    }

    @Test
    void secureMigrationsAreRefusedWithoutShowingTheirText() throws Exception {
        String secret = "ALTER TABLE accounts ADD CONSTRAINT pw CHECK (password <> 'hunter2-secret');\n";
        Path file = write("secure/20260101090000_keys.up.sql", secret);

        FixReport report = fix(List.of(file), new FixOptions(true, f -> f.startsWith(tmp.resolve("secure")), List.of(),
                Optional.empty(), Clock.systemUTC()));

        assertThat(report.exitCode()).isEqualTo(FixReport.EXIT_REFUSED);
        assertThat(report.render()).contains(file + ": secure migration: --fix refused")
                .doesNotContain("hunter2").doesNotContain("accounts").doesNotContain("CHECK");
        assertThat(Files.readString(file)).isEqualTo(secret);
        assertThat(Files.list(file.getParent()).count()).isEqualTo(1);
    }

    @Test
    void aFileWithoutAVersionGetsOnlyInPlaceFixes() throws Exception {
        Path indexOnly = write("adhoc/indexes.sql", "CREATE INDEX orders_total_idx ON orders (total);\n");
        Path notNull = write("adhoc/required.sql", "ALTER TABLE orders ALTER COLUMN total SET NOT NULL;\n");

        FixReport report = fix(List.of(indexOnly, notNull), FixOptions.preview().withWrite(true));

        assertThat(indexOnly).hasContent("-- bascule:no-transaction\nCREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);\n");
        assertThat(notNull).hasContent("ALTER TABLE orders ALTER COLUMN total SET NOT NULL;\n");
        assertThat(report.render()).contains("[setting-not-null] the fix needs a migration after this one, and the file"
                + " is not named VERSION_NAME.up.sql");
    }

    @Test
    void aFileAlreadyOutsideATransactionKeepsItsIndexWhereItIs() throws Exception {
        Path file = write("m/5_idx.up.sql", "-- bascule:no-transaction\nSET lock_timeout = '5s';\n"
                + "CREATE INDEX orders_total_idx ON orders (total);\n");

        FixReport report = fix(List.of(file), FixOptions.preview().withWrite(true));

        assertThat(file).hasContent("-- bascule:no-transaction\nSET lock_timeout = '5s';\n"
                + "CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);\n");
        assertThat(report.files().get(0).newFiles()).isEmpty();
    }
}
