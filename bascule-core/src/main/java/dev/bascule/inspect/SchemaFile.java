package dev.bascule.inspect;

import dev.bascule.Settings;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;
import dev.bascule.generate.GeneratedFiles;
import dev.bascule.run.MigrationListener;
import dev.bascule.schema.Detail;
import dev.bascule.schema.SchemaSnapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * The environment's {@code schema-file}: the schema snapshot Bascule writes after every successful {@code migrate}
 * and {@code down}, so that reviewers see the schema a pull request produces and {@code drift} has something to
 * compare a live database with. Writing it never undoes or fails a run: a failure is a warning.
 */
public final class SchemaFile {

    private SchemaFile() {
    }

    /**
     * Writes the snapshot of {@code database} to the schema file when the settings name one and its text changed
     * (keeping the optional details the file already includes).
     */
    public static void refresh(Settings settings, Database database, MigrationListener listener) {
        if (settings.schemaFile().isEmpty()) {
            return;
        }
        Path file = settings.schemaFile().get();
        String shown = GeneratedFiles.display(file, settings.baseDir());
        try (Connection connection = database.connect()) {
            SchemaSnapshot snapshot = SchemaSnapshot.read(connection, ShadowRun.options(settings).withDetails(detailsOf(file)));
            String text = snapshot.render();
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                return;
            }
            snapshot.write(file);
            listener.info("wrote the schema snapshot to " + shown + " (" + snapshot.objects().size() + " objects)");
        } catch (SQLException | IOException | RuntimeException e) {
            listener.warning(Problem.of(shown, "could not write the schema snapshot: " + describe(e) + "; what ran stays"
                    + " applied, and the next successful migrate or down writes the file again"));
        }
    }

    /** The details an existing file includes, so a file written with ownership keeps it; none for a new file. */
    private static Set<Detail> detailsOf(Path file) {
        if (!Files.isRegularFile(file)) {
            return Set.of();
        }
        try {
            return SchemaSnapshot.load(file).details();
        } catch (BasculeException e) {
            return Set.of();
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        return message == null ? type : e instanceof IOException ? type + ": " + message : message;
    }
}
