package dev.bascule.pop;

import dev.bascule.Overrides;
import dev.bascule.Settings;
import dev.bascule.catalog.Stage;
import dev.bascule.config.ConfigFile;
import dev.bascule.config.SettingsResolver;
import dev.bascule.source.Location;
import dev.bascule.error.BasculeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code stages:} and {@code preset:} in bascule.yml, resolved as the CLI resolves them. */
class StagesConfigTest {

    @TempDir
    Path dir;

    private Settings resolve(String yaml, List<String> pathFlags) throws IOException {
        Path file = Files.writeString(dir.resolve("bascule.yml"), yaml);
        return new SettingsResolver(Map.<String, String>of()::get).resolve(Optional.of(ConfigFile.load(file)),
                new Overrides(null, "jdbc:postgresql://localhost/x", null, null, pathFlags, null, false, null, null, null, null),
                dir);
    }

    private Location abs(String relative) {
        return Location.local(dir.resolve(relative));
    }

    private String absFile(String relative) {
        return dir.resolve(relative).toAbsolutePath().normalize().toString();
    }

    @Test
    void milmovePresetExpandsToMilmovesSixStagesInOrder() throws IOException {
        Settings env = resolve("environments:\n  dev:\n    preset: milmove\n    adopt: pop\n", List.of());
        assertThat(env.stages()).extracting(s -> s.order() + " " + s.name() + " " + s.mode().label() + " " + s.rerun().label())
                .containsExactly("0 legacy versioned on-change", "1 ddl_types repeatable on-change",
                        "2 ddl_tables repeatable on-change", "3 ddl_views repeatable on-change",
                        "4 ddl_functions repeatable on-change", "5 dml versioned on-change");
        Stage legacy = env.stages().get(0);
        assertThat(legacy.locations()).containsExactly(abs("migrations/app/schema"), abs("migrations/app/secure"));
        assertThat(legacy.secureLocations()).containsExactly(abs("migrations/app/secure"));
        assertThat(legacy.manifest()).contains(absFile("migrations/app/migrations_manifest.txt"));
        assertThat(env.stages().get(3).locations()).containsExactly(abs("migrations/app/ddl_migrations/ddl_views"));
        assertThat(env.stages().get(3).manifest()).contains(absFile("migrations/app/ddl_views_manifest.txt"));
        assertThat(env.stages().get(5).manifest()).contains(absFile("migrations/app/dml_migrations_manifest.txt"));
        assertThat(env.stages().get(5).secureLocations()).containsExactly(abs("migrations/app/secure"));
        assertThat(env.adopt()).contains("pop");
        // gen migration lists new files where MilMove does now: the dml manifest (the legacy one is archived).
        assertThat(env.manifestForNewMigrations()).contains(absFile("migrations/app/dml_migrations_manifest.txt"));
        assertThat(env.secureLocations()).containsExactly(abs("migrations/app/secure"));
    }

    @Test
    void presetRootMovesTheTree() throws IOException {
        Settings env = resolve("environments:\n  dev:\n    preset: milmove\n    root: db/app/\n", List.of());
        assertThat(env.stages().get(1).locations()).containsExactly(abs("db/app/ddl_migrations/ddl_types"));
        assertThat(env.adopt()).isEmpty();
    }

    @Test
    void explicitStagesWithDefaults() throws IOException {
        Settings env = resolve("""
                environments:
                  dev:
                    stages:
                      - name: schema
                        paths: [db/schema, db/secure]
                        secure: [db/secure]
                        manifest: db/manifest.txt
                      - name: views
                        paths: [db/views]
                        mode: repeatable
                        rerun: always
                """, List.of());
        assertThat(env.stages()).extracting(s -> s.name() + " " + s.mode().label() + " " + s.rerun().label() + " " + s.manifest().isPresent())
                .containsExactly("schema versioned on-change true", "views repeatable always false");
        assertThat(env.locations()).containsExactly(abs("db/schema"), abs("db/secure"), abs("db/views"));
    }

    @Test
    void withoutStagesOneVersionedStageAsBefore() throws IOException {
        Settings env = resolve("environments:\n  dev:\n    paths: [a, b]\n    manifest: m.txt\n", List.of());
        assertThat(env.stages()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo(Stage.DEFAULT_NAME);
            assertThat(s.mode()).isEqualTo(Stage.Mode.VERSIONED);
            assertThat(s.locations()).containsExactly(abs("a"), abs("b"));
            assertThat(s.manifest()).contains(absFile("m.txt"));
        });
    }

    @Test
    void pathFlagsReplaceThePresetWithOneStage() throws IOException {
        Settings env = resolve("environments:\n  dev:\n    preset: milmove\n", List.of("other"));
        assertThat(env.stages()).singleElement().extracting(Stage::locations).asList().containsExactly(abs("other"));
    }

    @Test
    void mistakesNameTheFileTheEnvironmentAndTheFix() {
        assertThatThrownBy(() -> resolve("environments:\n  dev:\n    preset: rails\n", List.of()))
                .isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("bascule.yml: environment 'dev': preset 'rails' is unknown; known presets: [milmove]");
        assertThatThrownBy(() -> resolve("environments:\n  dev:\n    preset: milmove\n    paths: [x]\n", List.of()))
                .hasMessageContaining("remove paths and manifest");
        assertThatThrownBy(() -> resolve("environments:\n  dev:\n    stages:\n      - name: a\n        paths: [x]\n        mode: sometimes\n", List.of()))
                .hasMessageContaining("stage 'a': mode 'sometimes' is unknown; write versioned or repeatable");
        assertThatThrownBy(() -> resolve("environments:\n  dev:\n    stages:\n      - name: a\n        paths: [x]\n        rerun: always\n", List.of()))
                .hasMessageContaining("rerun applies to repeatable stages only");
        assertThatThrownBy(() -> resolve("environments:\n  dev:\n    stages:\n      - name: a\n        paths: [x]\n      - name: a\n        paths: [y]\n", List.of()))
                .hasMessageContaining("stage 'a' is declared twice");
        assertThatThrownBy(() -> resolve("environments:\n  dev:\n    stages:\n      - name: a\n        paths: [x]\n        secure: [y]\n", List.of()))
                .hasMessageContaining("secure path 'y' is not one of its paths");
        assertThatThrownBy(() -> resolve("environments:\n  dev:\n    stages:\n      - paths: [x]\n", List.of()))
                .hasMessageContaining("stages[0] has no name");
        assertThatThrownBy(() -> resolve("environments:\n  dev:\n    paths: [x]\n    adopt: flyway\n", List.of()))
                .hasMessageContaining("adopt 'flyway' is unknown; the only value is pop");
    }
}
