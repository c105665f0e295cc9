package dev.bascule.expand;

import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worked example of docs/expand-contract.md: {@code moves.status} of examples/demo renamed to {@code state}.
 * The files in examples/expand-contract are the generator's output for the demo's real schema; this test
 * regenerates them and fails when they drift. Run it with {@code -Dbascule.expand.writeExample=true} to rewrite
 * them after a deliberate change of the generator.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class ExpandContractExampleTest {

    static final BigInteger FIRST_VERSION = new BigInteger("20260201090000");

    @Test
    void theCheckedInExampleIsTheGeneratorsOutputAndApplies(TestDatabase db) throws Exception {
        Path root = repositoryRoot();
        Path demo = root.resolve("examples/demo");
        Path example = root.resolve("examples/expand-contract");
        ExpandContractPlan plan;
        try (Connection c = db.admin().connect()) {
            MigrationHarness demoMigrations = new MigrationHarness(demo, c);
            for (Path file : MigrationHarness.sqlFiles(demo.resolve("migrations"))) {
                demoMigrations.apply(demo.relativize(file));
            }
            plan = ExpandContract.plan(ExpandContractRequest.of(ColumnChange.rename("moves.status", "state"),
                    FIRST_VERSION), c, Duration.ofSeconds(10));
            if (Boolean.getBoolean("bascule.expand.writeExample")) {
                new MigrationHarness(example, c).write(plan);
            }
            for (GeneratedFile file : plan.files()) {
                assertThat(example.resolve(file.path())).as("%s (regenerate with -Dbascule.expand.writeExample=true)",
                        file.path()).exists().content(StandardCharsets.UTF_8).isEqualTo(file.content());
            }
            assertThat(filesUnder(example.resolve("db"))).hasSameSizeAs(plan.files());

            MigrationHarness harness = new MigrationHarness(example, c);
            for (int phase = 1; phase <= 3; phase++) {
                harness.applyPhase(plan, phase);
            }
        }
        assertThat(db.column("SELECT locator || ' ' || state FROM moves ORDER BY locator"))
                .containsExactly("ABC123 SUBMITTED", "LMN456 APPROVED", "XYZ789 DRAFT");
        assertThat(db.column("SELECT attname FROM pg_attribute WHERE attrelid = 'moves'::regclass AND attnum > 0"
                + " AND NOT attisdropped ORDER BY attnum"))
                .containsExactly("id", "locator", "created_at", "updated_at", "state");
        db.execute("INSERT INTO moves (id, locator) VALUES ('8e9f0a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b', 'NEW001')");
        assertThat(db.column("SELECT state FROM moves WHERE locator = 'NEW001'")).containsExactly("DRAFT");
    }

    private static List<Path> filesUnder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples").resolve("demo"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("examples/demo not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
