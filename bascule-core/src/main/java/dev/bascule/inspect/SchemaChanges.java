package dev.bascule.inspect;

import dev.bascule.schema.ObjectDifference;
import dev.bascule.schema.ObjectDifference.AttributeChanged;
import dev.bascule.schema.ObjectDifference.AttributeDifference;
import dev.bascule.schema.ObjectDifference.AttributeMissingInA;
import dev.bascule.schema.ObjectDifference.AttributeMissingInB;
import dev.bascule.schema.ObjectDifference.Changed;
import dev.bascule.schema.ObjectDifference.ColumnOrderChanged;
import dev.bascule.schema.ObjectDifference.MissingInA;
import dev.bascule.schema.ObjectDifference.MissingInB;
import dev.bascule.schema.SchemaDiff;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SchemaDiff} between a state before and a state after, sorted into what is there only after (left
 * behind, or added), what is there only before (lost) and what is in both but different: the one-line summary of
 * {@code check-reversible} and {@code drift}. An object's part is named with its object ({@code column notes of
 * table public.moves}).
 *
 * @param added   in the after state only
 * @param lost    in the before state only
 * @param changed in both, different
 */
public record SchemaChanges(List<String> added, List<String> lost, List<String> changed) {

    public SchemaChanges {
        added = List.copyOf(added);
        lost = List.copyOf(lost);
        changed = List.copyOf(changed);
    }

    /** Sorts a diff whose A is the before state and B the after state. */
    public static SchemaChanges of(SchemaDiff diff) {
        List<String> added = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (ObjectDifference difference : diff.differences()) {
            if (difference instanceof MissingInA m) {
                added.add(m.title());
            } else if (difference instanceof MissingInB m) {
                lost.add(m.title());
            } else if (difference instanceof Changed c) {
                for (AttributeDifference attribute : c.differences()) {
                    if (attribute instanceof AttributeMissingInA m) {
                        added.add(m.attribute().key() + " of " + c.title());
                    } else if (attribute instanceof AttributeMissingInB m) {
                        lost.add(m.attribute().key() + " of " + c.title());
                    } else if (attribute instanceof AttributeChanged a) {
                        changed.add(a.key() + " of " + c.title());
                    } else if (attribute instanceof ColumnOrderChanged) {
                        changed.add("column order of " + c.title());
                    }
                }
            }
        }
        return new SchemaChanges(added, lost, changed);
    }

    /** {@code "index public.c_x"}, {@code "2 objects: a, b"}: a list for one line. */
    static String list(List<String> items) {
        return items.size() == 1 ? items.get(0) : items.size() + " objects: " + String.join(", ", items);
    }
}
