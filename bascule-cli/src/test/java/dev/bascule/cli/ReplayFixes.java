package dev.bascule.cli;

import dev.bascule.testing.TestDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How MilMove's replay gets past each stop, without editing a corpus file. Three kinds, tried in this order:
 * <ol>
 *   <li>a hand-written fix, test resource {@code milmove-replay/NAME.sql}, whose header says why it stops and why
 *       the fix is right (missing tables, Pop's own table, a PostgreSQL 17 change, rows a placeholder held);</li>
 *   <li>a foreign key to reference data a placeholder held: {@link #missingParents} makes placeholder parent rows
 *       by rule ({@code milmove-replay/placeholder-parents.sql});</li>
 *   <li>a file that cannot run on PostgreSQL as written ({@link #CORPUS_DEFECTS}): recorded as applied the way an
 *       existing MilMove database records it, in Pop's {@code schema_migration}, then {@code bascule adopt pop}.</li>
 * </ol>
 */
final class ReplayFixes {

    /** Files that fail on any PostgreSQL as written, with the error they give. */
    static final Map<String, String> CORPUS_DEFECTS = Map.of(
            "20241220171035_add_additional_AK_zips_to_zip3_distances.up.sql", "syntax error at or near \"ON\"",
            "20250513195206_B-23575_add_data_to_country_holidays_and_country_weekends.up.sql",
            "extra data after last expected column");

    private static final Pattern INSERT_FK = Pattern.compile(
            "ERROR: insert or update on table \"([^\"]+)\" violates foreign key constraint \"([^\"]+)\"");

    private ReplayFixes() {
    }

    /** The hand-written fix for a stop at this migration, if there is one. */
    static Optional<String> handWritten(String migration) {
        return resource(migration.replaceFirst("\\.up\\.(sql|fizz)$", "") + ".sql");
    }

    static String placeholderParentsFunctions() {
        return resource("placeholder-parents.sql").orElseThrow();
    }

    private static Optional<String> resource(String name) {
        try (InputStream in = ReplayFixes.class.getResourceAsStream("/milmove-replay/" + name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A foreign key that refused an inserted row: the child table and constraint named in the error. */
    record ForeignKey(String table, String constraint) {
        static Optional<ForeignKey> in(String error) {
            Matcher m = INSERT_FK.matcher(error);
            return m.find() ? Optional.of(new ForeignKey(m.group(1), m.group(2))) : Optional.empty();
        }
    }

    /** A dropped foreign key, remembered to fill its missing parents and restore it. */
    record Dropped(String table, String constraint, String definition, String column, String parent) {
    }

    static Dropped drop(TestDatabase db, ForeignKey fk) {
        List<String> found = db.column("SELECT pg_get_constraintdef(c.oid) || '|' || a.attname || '|' || c.confrelid::regclass"
                + " FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
                + " WHERE c.conname = '" + fk.constraint() + "' AND c.conrelid = '" + fk.table() + "'::regclass");
        if (found.size() != 1) {
            throw new AssertionError("foreign key " + fk + " not found (or not single-column): " + found);
        }
        String[] parts = found.get(0).split("\\|");
        db.execute("ALTER TABLE " + fk.table() + " DROP CONSTRAINT " + fk.constraint());
        return new Dropped(fk.table(), fk.constraint(), parts[0], parts[1], parts[2]);
    }

    /** Makes the missing parent rows, restores every dropped key (PostgreSQL checks them); returns rows made. */
    static List<String> missingParents(TestDatabase db, List<Dropped> dropped) {
        List<String> made = new ArrayList<>();
        for (Dropped d : dropped) {
            String count = db.column("SELECT bascule_replay.fill_missing_parents('" + d.table() + "', '" + d.column()
                    + "', '" + d.parent() + "')").get(0);
            db.execute("ALTER TABLE " + d.table() + " ADD CONSTRAINT " + d.constraint() + " " + d.definition());
            made.add(count + " " + d.parent() + " row(s) for " + d.table() + "." + d.column());
        }
        return made;
    }
}
