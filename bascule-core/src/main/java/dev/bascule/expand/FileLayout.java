package dev.bascule.expand;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where generated files go, as paths relative to the project directory (the lead's {@code gen} command
 * resolves them against it). Migrations include definitions with psql's {@code \ir}, relative to their own
 * folder, so the folders can sit anywhere.
 *
 * @param migrations schema migrations ({@code db/migrations})
 * @param data       data migrations (the backfill); the same folder as migrations unless told otherwise
 * @param functions  versioned function definitions, fx style ({@code db/functions/NAME_v01.sql})
 * @param triggers   versioned trigger definitions, fx style ({@code db/triggers/NAME_v01.sql})
 */
public record FileLayout(Path migrations, Path data, Path functions, Path triggers) {

    public FileLayout {
        Objects.requireNonNull(migrations, "migrations");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(functions, "functions");
        Objects.requireNonNull(triggers, "triggers");
        migrations = migrations.normalize();
        data = data.normalize();
        functions = functions.normalize();
        triggers = triggers.normalize();
    }

    /** {@code db/migrations}, {@code db/functions}, {@code db/triggers}; data migrations beside the schema ones. */
    public static FileLayout standard() {
        return new FileLayout(Path.of("db/migrations"), Path.of("db/migrations"), Path.of("db/functions"),
                Path.of("db/triggers"));
    }

    /** A folder's path seen from a migration folder, with forward slashes, as written after {@code \ir}. */
    static String relative(Path fromFolder, Path file) {
        Path from = fromFolder.toAbsolutePath().normalize();
        Path to = file.toAbsolutePath().normalize();
        return from.relativize(to).toString().replace('\\', '/');
    }
}
