package dev.bascule.adopt;

import dev.bascule.Bascule;
import dev.bascule.Importers;
import dev.bascule.Overrides;
import dev.bascule.Project;
import dev.bascule.error.Problem;
import dev.bascule.run.MigrationListener;
import dev.bascule.testing.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A project folder holding a converted tree ({@code bascule import} into {@code db/migrations}) and a bascule.yml
 * written from what the import printed: the {@code stages:} block when it gave one, else the folder and manifest.
 */
final class ImportedProject {

    final Path dir;
    final Importers.Report report;
    final List<Problem> warnings = new ArrayList<>();

    private ImportedProject(Path dir, Importers.Report report) {
        this.dir = dir;
        this.report = report;
    }

    /** Imports {@code tool}'s {@code source} folder into {@code dir/db/migrations}, as the CLI would. */
    static ImportedProject importInto(Path dir, String tool, Path source) {
        return new ImportedProject(dir, Importers.importProject(tool, new Importers.Request(source,
                dir.resolve("db/migrations"), Optional.empty(), dir)));
    }

    /** Bascule on {@code db} over the converted files; {@code extra} lines go into the environment. */
    Bascule bascule(TestDatabase db, String... extra) {
        StringBuilder yml = new StringBuilder("default-environment: test\nenvironments:\n  test:\n");
        yml.append("    url: ").append(db.url()).append("\n    user: postgres\n    lock-wait: 5s\n");
        for (String line : extra) {
            yml.append("    ").append(line).append('\n');
        }
        if (report.stages().isPresent()) {
            report.stages().get().lines().forEach(l -> yml.append("    ").append(l).append('\n'));
        } else {
            yml.append("    paths: [db/migrations]\n    manifest: ").append(report.written().get(0)).append('\n');
        }
        try {
            Files.writeString(dir.resolve("bascule.yml"), yml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Bascule.load(Project.open(dir, null, Map.<String, String>of()::get).settings(Overrides.none()),
                new MigrationListener() {
                    @Override
                    public void warning(Problem problem) {
                        warnings.add(problem);
                    }
                });
    }

    String file(String relative) {
        try {
            return Files.readString(dir.resolve("db/migrations").resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
