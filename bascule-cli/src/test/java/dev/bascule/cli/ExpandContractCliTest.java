package dev.bascule.cli;

import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** gen expand-contract / function / trigger, and the phase discipline of migrate, through the CLI on a real database. */
@ExtendWith(EmbeddedPostgresExtension.class)
class ExpandContractCliTest {

    @TempDir
    Path tmp;

    private String[] with(TestDatabase db, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--url", db.url(), "--user", "postgres", "--path", "db/migrations", "--manifest", "db/manifest.txt"));
        return all.toArray(String[]::new);
    }

    private List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRenameIsGeneratedAppliedOnePhasePerRunAndShownByStatus(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE moves (id bigint PRIMARY KEY, status text NOT NULL DEFAULT 'draft');"
                + " INSERT INTO moves SELECT g, 'draft' FROM generate_series(1, 50) g");
        Files.createDirectories(tmp.resolve("db/migrations"));
        Files.writeString(tmp.resolve("db/manifest.txt"), "");

        CliRun gen = CliRun.run(tmp, with(db, "gen", "expand-contract", "--rename-column", "moves.status", "state"));
        assertThat(gen.exitCode()).as(gen.toString()).isZero();
        assertThat(gen.out()).contains("(phase 1, schema)").contains("(phase 1, data)").contains("(phase 3, schema)")
                .contains("added to db/manifest.txt").contains("next: ship phase 1");
        assertThat(files(tmp.resolve("db/functions"))).containsExactly("moves_status_sync_v01.sql", "moves_status_sync_v02.sql");
        List<String> manifest = Files.readAllLines(tmp.resolve("db/manifest.txt"));
        assertThat(manifest).isNotEmpty().allSatisfy(line -> assertThat(tmp.resolve("db/migrations").resolve(line)).exists());

        CliRun together = CliRun.run(tmp, with(db, "migrate"));
        assertThat(together.exitCode()).as(together.toString()).isEqualTo(3);
        assertThat(together.err()).contains("phase 2 of change").contains("same migrate as its phase 1")
                .contains("--allow-phase-skip").contains("--target");
        assertThat(db.column("SELECT count(*) FROM information_schema.columns WHERE table_name = 'moves' AND column_name = 'state'"))
                .containsExactly("0");

        String endOfPhase1 = together.err().replaceAll("(?s).*--target (\\d+).*", "$1");
        CliRun phase1 = CliRun.run(tmp, with(db, "migrate", "--target", endOfPhase1));
        assertThat(phase1.exitCode()).as(phase1.toString()).isZero();
        assertThat(db.column("SELECT count(*) FROM moves WHERE state IS DISTINCT FROM status")).containsExactly("0");

        CliRun rest = CliRun.run(tmp, with(db, "migrate", "--allow-phase-skip"));
        assertThat(rest.exitCode()).as(rest.toString()).isZero();
        assertThat(db.column("SELECT count(*) FROM information_schema.columns WHERE table_name = 'moves' AND column_name = 'status'"))
                .containsExactly("0");
        CliRun status = CliRun.run(tmp, with(db, "status"));
        assertThat(status.out()).contains("phase 3 of 3 applied");
    }

    @Test
    void unknownColumnsAreRefusedBeforeAnythingIsWritten(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE moves (id bigint PRIMARY KEY, status text)");
        Files.createDirectories(tmp.resolve("db/migrations"));
        CliRun gen = CliRun.run(tmp, with(db, "gen", "expand-contract", "--rename-column", "moves.no_such_column", "x"));
        assertThat(gen.exitCode()).as(gen.toString()).isEqualTo(2);
        assertThat(gen.err()).contains("no_such_column");
        assertThat(files(tmp.resolve("db/migrations"))).isEmpty();
    }

    @Test
    void genFunctionCreatesTheNextVersionAndAnInstallingMigration(TestDatabase db) throws Exception {
        Files.createDirectories(tmp.resolve("db/migrations"));
        CliRun first = CliRun.run(tmp, with(db, "gen", "function", "touch_updated_at"));
        assertThat(first.exitCode()).as(first.toString()).isZero();
        Path v1 = tmp.resolve("db/functions/touch_updated_at_v01.sql");
        assertThat(Files.readString(v1)).contains("CREATE OR REPLACE FUNCTION touch_updated_at()");
        Files.writeString(v1, Files.readString(v1).replace("RETURN NEW;", "NEW.updated_at = now(); RETURN NEW;"));
        CliRun second = CliRun.run(tmp, with(db, "gen", "function", "touch_updated_at"));
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(Files.readString(tmp.resolve("db/functions/touch_updated_at_v02.sql"))).contains("NEW.updated_at = now()");
        assertThat(files(tmp.resolve("db/migrations"))).hasSize(2).allSatisfy(name -> assertThat(name).contains("_install_touch_updated_at_v0"));
        String install = Files.readString(tmp.resolve("db/migrations").resolve(files(tmp.resolve("db/migrations")).get(1)));
        assertThat(install).contains("\\ir ../functions/touch_updated_at_v02.sql");
        CliRun migrate = CliRun.run(tmp, with(db, "migrate"));
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        CliRun status = CliRun.run(tmp, with(db, "status"));
        assertThat(status.out()).containsPattern("function touch_updated_at: v02 \\(\\d+_install_touch_updated_at_v02.up.sql\\) live");
        Files.writeString(v1, Files.readString(v1) + "-- edited after it was applied\n");
        CliRun changed = CliRun.run(tmp, with(db, "validate"));
        assertThat(changed.exitCode()).as(changed.toString()).isEqualTo(3);
        assertThat(changed.err()).contains("_install_touch_updated_at_v01.up.sql").contains("changed after it was applied");
        CliRun trigger = CliRun.run(tmp, with(db, "gen", "trigger", "moves_touch"));
        assertThat(trigger.exitCode()).as(trigger.toString()).isZero();
        assertThat(tmp.resolve("db/triggers/moves_touch_v01.sql")).exists();
    }
}
