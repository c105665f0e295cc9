package dev.bascule.embedded;

import dev.bascule.Bascule;
import dev.bascule.plan.MigrationState;
import dev.bascule.plan.PlanEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The quick start through the Java API: an embedded PostgreSQL chosen explicitly, its data kept between runs. */
class EmbeddedServerTest {

    @TempDir
    Path tmp;

    @Test
    void anExplicitlyChosenEmbeddedServerIsStartedMigratedAndKept() throws Exception {
        Path migrations = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(migrations.resolve("1_create.up.sql"), "CREATE TABLE kept (x int);");
        try (Bascule bascule = Bascule.configure().embedded(tmp.resolve(".bascule")).locations(migrations.toString()).load()) {
            assertThat(bascule.migrate().applied()).hasSize(1);
        }
        assertThat(tmp.resolve(".bascule/pg17")).isDirectory();
        try (Bascule again = Bascule.configure().embedded(tmp.resolve(".bascule")).locations(migrations.toString()).load()) {
            assertThat(again.status().entries()).extracting(PlanEntry::state).containsExactly(MigrationState.APPLIED);
        }
    }
}
