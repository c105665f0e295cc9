package dev.bascule.inspect;

import dev.bascule.schema.SchemaDiff;

import java.util.List;

/**
 * What {@code drift} found: how the live database differs from its schema file or from a replay of its migrations.
 *
 * @param comparedWith what the database was compared with ({@code "the schema file db/schema.sql"}, {@code "a replay
 *                     of its 12 applied migrations"})
 * @param diff         A: that reference, B: the live database
 * @param notes        what the comparison leaves out (pending migrations, ...)
 */
public record DriftReport(String comparedWith, SchemaDiff diff, List<String> notes) {

    public DriftReport {
        notes = List.copyOf(notes);
    }

    /** True when the database differs (the CLI exits 3). */
    public boolean drifted() {
        return !diff.isEmpty();
    }

    /** A summary line per kind of difference, then the readable diff. */
    public String render() {
        StringBuilder out = new StringBuilder();
        notes.forEach(note -> out.append("note: ").append(note).append('\n'));
        if (!drifted()) {
            return out.append("no drift: the database matches ").append(comparedWith).append('\n').toString();
        }
        SchemaChanges changes = SchemaChanges.of(diff);
        out.append("drift: the database differs from ").append(comparedWith).append('\n');
        if (!changes.added().isEmpty()) {
            out.append("  only in the database: ").append(String.join(", ", changes.added())).append('\n');
        }
        if (!changes.lost().isEmpty()) {
            out.append("  missing from the database: ").append(String.join(", ", changes.lost())).append('\n');
        }
        if (!changes.changed().isEmpty()) {
            out.append("  different: ").append(String.join(", ", changes.changed())).append('\n');
        }
        out.append('\n').append(diff.render(comparedWith, "the database"));
        return out.toString();
    }
}
