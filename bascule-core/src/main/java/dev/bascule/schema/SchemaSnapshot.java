package dev.bascule.schema;

import dev.bascule.error.BasculeException;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A deterministic description of a database's schema, read from PostgreSQL's catalogs without {@code pg_dump}:
 * equal for two databases built by the same DDL, whatever the order of creation, the OIDs or the PostgreSQL
 * version (13 to 18; see {@link SnapshotReader} for the exceptions), and free of timestamps and OIDs so that it
 * can be checked into git.
 *
 * <p>Objects are sorted by {@link ObjectKind} and name. The record is canonical: {@link #equals} is schema
 * equality, and {@link SchemaDiff#between} says what differs.
 *
 * <p><b>Why a parsable text form and no JSON.</b> {@link #render()} is what a team checks in (like dbmate's
 * {@code schema.sql}) so that reviewers see the schema a pull request produces; {@link #parse} reads exactly that
 * file back ({@code parse(render(s)).equals(s)}), so {@code drift} compares the checked-in file itself with a live
 * database. A JSON twin would be a second file to keep in step and one nobody reads in review. The text form can
 * be parsed without ambiguity because Bascule writes every line of it: object headers start in column 1 with a
 * known kind, attributes are {@code "  key: value"} with keys made of fixed words and {@code quote_ident}-quoted
 * names, and multi-line values (bodies, view definitions) follow their key as {@code "    | "} lines.
 *
 * @param details the optional parts this snapshot includes
 * @param objects every object, sorted by kind then name
 */
public record SchemaSnapshot(Set<Detail> details, List<SchemaObject> objects) {

    private static final Comparator<SchemaObject> ORDER =
            Comparator.comparing(SchemaObject::kind).thenComparing(SchemaObject::name);

    public SchemaSnapshot {
        details = details.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(details));
        List<SchemaObject> sorted = new ArrayList<>(objects);
        sorted.sort(ORDER);
        for (int i = 1; i < sorted.size(); i++) {
            if (ORDER.compare(sorted.get(i - 1), sorted.get(i)) == 0) {
                throw new IllegalArgumentException("two objects named " + sorted.get(i).title());
            }
        }
        objects = List.copyOf(sorted);
    }

    /**
     * Reads the schema of the database {@code connection} is connected to, in one read-only repeatable-read
     * transaction (or inside the caller's transaction when auto-commit is off, restoring the session settings it
     * changes). About twenty catalog queries, whatever the number of objects.
     *
     * @throws SQLException when a catalog query fails; the message names the query
     */
    public static SchemaSnapshot read(Connection connection, SnapshotOptions options) throws SQLException {
        return new SnapshotReader(connection, options).read();
    }

    /** The text form: a header comment, then one block per object. Stable: same snapshot, same bytes. */
    public String render() {
        return SnapshotText.render(this);
    }

    /**
     * Reads the text form back.
     *
     * @param source the file name for messages
     * @throws BasculeException.Configuration naming {@code source} and the line when the text is not a snapshot
     */
    public static SchemaSnapshot parse(String text, String source) {
        return SnapshotText.parse(text, source);
    }

    /** Reads a snapshot file (UTF-8). */
    public static SchemaSnapshot load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BasculeException.Configuration("cannot read the schema file " + file + ": " + e.getMessage()
                    + "; check the schema-file setting", e);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return parse(text, file.toString());
        } catch (CharacterCodingException e) {
            throw new BasculeException.Configuration(file + ": not UTF-8 text; a schema file is written by Bascule,"
                    + " write it again rather than editing it", e);
        }
    }

    /** Writes the text form to {@code file} (UTF-8), replacing it in one move so a reader never sees half a file. */
    public void write(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temporary, render(), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    public Optional<SchemaObject> object(ObjectKind kind, String name) {
        Objects.requireNonNull(name, "name");
        return objects.stream().filter(o -> o.kind() == kind && o.name().equals(name)).findFirst();
    }

    /** This snapshot without the attributes of the details outside {@code kept}. */
    public SchemaSnapshot restrictTo(Set<Detail> kept) {
        Set<Detail> remaining = details.isEmpty() ? EnumSet.noneOf(Detail.class) : EnumSet.copyOf(details);
        remaining.retainAll(kept);
        return new SchemaSnapshot(remaining, objects.stream().map(o -> o.restrictTo(kept)).toList());
    }
}
