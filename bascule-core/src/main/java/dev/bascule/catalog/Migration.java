package dev.bascule.catalog;

import dev.bascule.source.Location;

import java.util.Optional;

/**
 * A migration the catalog resolved: its name parts, where it was found, its text and checksum.
 *
 * @param file         the parsed file name of the up migration
 * @param kind         schema or secure (from the source), more kinds later
 * @param location     the path (source location) the file was taken from; the first path wins
 * @param secret       whether the text must never be shown (it came from a secret location)
 * @param text         the decoded UTF-8 text
 * @param checksum     SHA-256 of the file's bytes, lower-case hex; with includes, of its bytes and those of every
 *                     file it includes (see {@link Includes#checksum})
 * @param manifestLine the manifest line listing it, or 0 without a manifest
 * @param down         the matching {@code .down.sql} beside it, if any
 * @param stage        the migration set it belongs to (versioned or repeatable)
 * @param includes     the files its {@code \i} / {@code \ir} meta-commands include, read with it
 */
public record Migration(MigrationFileName file, MigrationKind kind, Location location, boolean secret, String text,
                        String checksum, int manifestLine, Optional<String> down, Stage stage, Includes includes) {

    /** A migration that includes no file. */
    public Migration(MigrationFileName file, MigrationKind kind, Location location, boolean secret, String text,
                     String checksum, int manifestLine, Optional<String> down, Stage stage) {
        this(file, kind, location, secret, text, checksum, manifestLine, down, stage, Includes.NONE);
    }

    /** Finds the files its includes name as they were when the catalog was read (for splitting it). */
    public dev.bascule.sql.IncludeResolver includeResolver() {
        return includes.resolver();
    }

    /** Repeatable files are tracked by stage and file name, never by version. */
    public boolean repeatable() {
        return stage.repeatable();
    }

    public Version version() {
        return file.version();
    }

    public String name() {
        return file.name();
    }

    public String fileName() {
        return file.fileName();
    }

    /** The directives of the file's leading comment block (data, phase), read on demand from its text. */
    public dev.bascule.sql.Directives header() {
        // path() only for a file that may have directives: it names the file in a syntax error, and costs a string
        return dev.bascule.sql.ScriptParser.mayHaveDirectives(text) ? dev.bascule.sql.ScriptParser.headerDirectives(path(), text)
                : dev.bascule.sql.Directives.none();
    }

    /**
     * The change and phase a {@code -- bascule:phase NAME N} header puts this migration in, if any (an unreadable
     * argument reads as none here; the full parse reports it).
     */
    public Optional<Phase> phase() {
        return header().find(dev.bascule.sql.DirectiveKind.PHASE).flatMap(d -> Phase.parse(d.argument()));
    }

    /** One step of a three-phase change. */
    public record Phase(String change, int number) {
        static Optional<Phase> parse(String argument) {
            String[] parts = argument.strip().split("\\s+");
            if (parts.length != 2 || !parts[1].matches("[1-9]")) {
                return Optional.empty();
            }
            return Optional.of(new Phase(parts[0], Integer.parseInt(parts[1])));
        }
    }

    /**
     * Where the file is, as a user would type it: a filesystem path for local files, else location + name.
     * Used as the {@code FILE} of {@code FILE:LINE: message}.
     */
    public String path() {
        return location.fileDisplay(fileName());
    }

    @Override
    public String toString() {
        // Never the text: secure migrations must not leak through a stray toString().
        return fileName() + " (" + location + ")";
    }
}
