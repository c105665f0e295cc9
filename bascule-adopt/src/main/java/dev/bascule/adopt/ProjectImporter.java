package dev.bascule.adopt;

import dev.bascule.Importers;
import dev.bascule.error.BasculeException;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Converting another tool's project into Bascule's layout, from Java: {@code ProjectImporter.importFrom("flyway",
 * Path.of("src/main/resources/db/migration"), Path.of("db/migrations"))}. Shells use {@link Importers}, which
 * finds the same converters as services.
 */
public final class ProjectImporter {

    private ProjectImporter() {
    }

    /** The layouts this module converts: flyway, golang-migrate, dbmate, prisma. */
    public static List<Importers.Converter> converters() {
        return List.of(new FlywayLayout(), new GolangMigrateLayout(), new DbmateLayout(), new PrismaLayout());
    }

    /** Converts {@code tool}'s files in {@code sourceDir} into {@code targetDir}, with {@code manifest.txt} there. */
    public static Importers.Report importFrom(String tool, Path sourceDir, Path targetDir) {
        return importFrom(tool, sourceDir, targetDir, Optional.empty());
    }

    /** As above, writing the manifest to {@code manifest} when given. */
    public static Importers.Report importFrom(String tool, Path sourceDir, Path targetDir, Optional<Path> manifest) {
        Importers.Converter converter = converters().stream().filter(c -> c.tool().equals(tool)).findFirst()
                .orElseThrow(() -> new BasculeException.Configuration("import " + tool + ": no such tool; known: "
                        + converters().stream().map(Importers.Converter::tool).toList()));
        Path base = Path.of("").toAbsolutePath();
        if (!java.nio.file.Files.isDirectory(base.resolve(sourceDir))) {
            throw new BasculeException.Configuration("import " + tool + ": " + sourceDir + " is not a folder: give the"
                    + " folder that holds " + converter.displayName() + "'s migration files");
        }
        return converter.convert(new Importers.Request(base.resolve(sourceDir), base.resolve(targetDir),
                manifest.map(base::resolve), base));
    }
}
