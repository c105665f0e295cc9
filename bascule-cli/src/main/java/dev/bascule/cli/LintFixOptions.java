package dev.bascule.cli;

import dev.bascule.Project;
import dev.bascule.Settings;
import dev.bascule.lint.fix.FixOptions;
import dev.bascule.source.Location;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code lint --fix [--write]}: the project's secure folders (refused), local migration paths (whose versions new
 * files avoid) and the manifest new migrations are listed in, as {@link FixOptions}.
 */
final class LintFixOptions {

    private LintFixOptions() {
    }

    static FixOptions of(Project project, TargetOptions target, Path workingDir, boolean write) {
        Settings settings = project.settings(target.overrides(null));
        List<Path> folders = settings.locations().stream().map(Location::localPath).flatMap(Optional::stream).toList();
        Optional<Path> manifest = settings.manifestForNewMigrations()
                .filter(m -> !m.startsWith(Location.CLASSPATH + ":")).map(m -> workingDir.resolve(m));
        return new FixOptions(write, settings::isSecureFile, folders, manifest, Clock.systemUTC());
    }
}
