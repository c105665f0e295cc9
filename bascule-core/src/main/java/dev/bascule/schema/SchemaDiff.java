package dev.bascule.schema;

import dev.bascule.schema.ObjectDifference.AttributeChanged;
import dev.bascule.schema.ObjectDifference.AttributeDifference;
import dev.bascule.schema.ObjectDifference.AttributeMissingInA;
import dev.bascule.schema.ObjectDifference.AttributeMissingInB;
import dev.bascule.schema.ObjectDifference.Changed;
import dev.bascule.schema.ObjectDifference.ColumnOrderChanged;
import dev.bascule.schema.ObjectDifference.MissingInA;
import dev.bascule.schema.ObjectDifference.MissingInB;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What differs between two schema snapshots, grouped per object, in snapshot order. Empty when they are equal.
 * {@code check-reversible} prints it as what a down left behind or lost, {@code drift} as how a database differs
 * from its schema file.
 *
 * @param differences one entry per object that differs
 */
public record SchemaDiff(List<ObjectDifference> differences) {

    /** Multi-line values show at most this many lines of unified diff each. */
    private static final int EXCERPT_LINES = 40;
    /** Single-line values longer than this are shown as -/+ lines, one above the other, rather than "old → new". */
    private static final int INLINE_LIMIT = 50;

    public SchemaDiff {
        differences = List.copyOf(differences);
    }

    /**
     * Compares {@code a} with {@code b}. When they include different {@link Detail}s (a schema file written with
     * ownership, a database read without), only the details both include are compared.
     */
    public static SchemaDiff between(SchemaSnapshot a, SchemaSnapshot b) {
        if (!a.details().equals(b.details())) {
            Set<Detail> common = a.details().isEmpty() ? EnumSet.noneOf(Detail.class) : EnumSet.copyOf(a.details());
            common.retainAll(b.details());
            a = a.restrictTo(common);
            b = b.restrictTo(common);
        }
        List<ObjectDifference> differences = new ArrayList<>();
        List<SchemaObject> left = a.objects();
        List<SchemaObject> right = b.objects();
        int i = 0;
        int j = 0;
        // Both lists are sorted by kind and name: a merge walk.
        while (i < left.size() || j < right.size()) {
            int order = i == left.size() ? 1 : j == right.size() ? -1 : compare(left.get(i), right.get(j));
            if (order < 0) {
                differences.add(new MissingInB(left.get(i++)));
            } else if (order > 0) {
                differences.add(new MissingInA(right.get(j++)));
            } else {
                compareObjects(left.get(i++), right.get(j++)).ifPresent(differences::add);
            }
        }
        return new SchemaDiff(differences);
    }

    private static int compare(SchemaObject x, SchemaObject y) {
        int kind = x.kind().compareTo(y.kind());
        return kind != 0 ? kind : x.name().compareTo(y.name());
    }

    private static Optional<ObjectDifference> compareObjects(SchemaObject a, SchemaObject b) {
        if (a.equals(b)) {
            return Optional.empty();
        }
        Map<String, String> inB = new LinkedHashMap<>();
        b.attributes().forEach(attribute -> inB.put(attribute.key(), attribute.value()));
        Map<String, String> inA = new LinkedHashMap<>();
        a.attributes().forEach(attribute -> inA.put(attribute.key(), attribute.value()));
        List<AttributeDifference> differences = new ArrayList<>();
        for (Attribute attribute : a.attributes()) {
            String other = inB.get(attribute.key());
            if (other == null) {
                differences.add(new AttributeMissingInB(attribute));
            } else if (!other.equals(attribute.value())) {
                differences.add(new AttributeChanged(attribute.key(), attribute.value(), other));
            }
        }
        for (Attribute attribute : b.attributes()) {
            if (!inA.containsKey(attribute.key())) {
                differences.add(new AttributeMissingInA(attribute));
            }
        }
        List<String> orderInA = columns(a).stream().filter(inB::containsKey).toList();
        List<String> orderInB = columns(b).stream().filter(inA::containsKey).toList();
        if (!orderInA.equals(orderInB)) {
            differences.add(new ColumnOrderChanged(names(orderInA), names(orderInB)));
        }
        if (differences.isEmpty()) {
            // Same attributes in another order within a section: report it rather than claim equality.
            differences.add(new AttributeChanged("attribute order", String.join(", ", inA.keySet()), String.join(", ", inB.keySet())));
        }
        return Optional.of(new Changed(a.kind(), a.name(), differences));
    }

    private static List<String> columns(SchemaObject object) {
        return object.attributes().stream().map(Attribute::key)
                .filter(k -> k.startsWith("column ") || k.startsWith("attribute ")).toList();
    }

    private static List<String> names(List<String> columnKeys) {
        return columnKeys.stream().map(k -> k.substring(k.indexOf(' ') + 1)).toList();
    }

    public boolean isEmpty() {
        return differences.isEmpty();
    }

    /** The diff with the two sides called A and B. */
    public String render() {
        return render("A", "B");
    }

    /**
     * The readable diff: per object a line with its kind and name, then one indented line per difference
     * ({@code column status: type text → public.move_status}), multi-line values as unified-diff excerpts.
     * Empty when the snapshots are equal.
     *
     * @param nameOfA what A is, for "missing in ..." ({@code "the schema file"}, {@code "the database before"})
     * @param nameOfB what B is
     */
    public String render(String nameOfA, String nameOfB) {
        StringBuilder out = new StringBuilder();
        for (ObjectDifference difference : differences) {
            if (difference instanceof MissingInB) {
                out.append(difference.title()).append(": missing in ").append(nameOfB).append('\n');
            } else if (difference instanceof MissingInA) {
                out.append(difference.title()).append(": missing in ").append(nameOfA).append('\n');
            } else if (difference instanceof Changed changed) {
                out.append(changed.title()).append(":\n");
                for (AttributeDifference attribute : changed.differences()) {
                    renderAttribute(out, changed.kind(), attribute, nameOfA, nameOfB);
                }
            }
        }
        return out.toString();
    }

    private static void renderAttribute(StringBuilder out, ObjectKind kind, AttributeDifference difference,
                                        String nameOfA, String nameOfB) {
        if (difference instanceof AttributeMissingInB m) {
            out.append("  ").append(missing(m.attribute(), nameOfB)).append('\n');
        } else if (difference instanceof AttributeMissingInA m) {
            out.append("  ").append(missing(m.attribute(), nameOfA)).append('\n');
        } else if (difference instanceof ColumnOrderChanged c) {
            out.append("  column order: ").append(String.join(", ", c.orderInA()))
                    .append(" → ").append(String.join(", ", c.orderInB())).append('\n');
        } else if (difference instanceof AttributeChanged c) {
            renderChange(out, kind, c);
        }
    }

    private static void renderChange(StringBuilder out, ObjectKind kind, AttributeChanged change) {
        String key = change.key();
        String a = change.valueInA();
        String b = change.valueInB();
        if (kind.hasColumnDefinitions() && (key.startsWith("column ") || key.startsWith("attribute "))) {
            Optional<ColumnDefinition> columnA = ColumnDefinition.parse(a);
            Optional<ColumnDefinition> columnB = ColumnDefinition.parse(b);
            if (columnA.isPresent() && columnB.isPresent()) {
                out.append("  ").append(key).append(": ").append(String.join("; ", columnA.get().changesTo(columnB.get()))).append('\n');
                return;
            }
        }
        if (a.indexOf('\n') >= 0 || b.indexOf('\n') >= 0) {
            out.append("  ").append(key).append(" differs:\n");
            for (String line : LineDiff.excerpt(a, b, EXCERPT_LINES)) {
                out.append("    ").append(line).append('\n');
            }
        } else if (a.length() <= INLINE_LIMIT && b.length() <= INLINE_LIMIT) {
            out.append("  ").append(key).append(": ").append(a).append(" → ").append(b).append('\n');
        } else {
            out.append("  ").append(key).append(":\n    -").append(a).append("\n    +").append(b).append('\n');
        }
    }

    /**
     * {@code constraint c: CHECK (x > 0) (missing in B)}: the attribute with its value when that is one short
     * line, so the reader sees what is missing; only the key for long or multi-line values.
     */
    private static String missing(Attribute attribute, String side) {
        String value = attribute.value();
        boolean shown = !attribute.isMultiLine() && value.length() <= 2 * INLINE_LIMIT;
        return attribute.key() + ": " + (shown ? value + " " : "") + "(missing in " + side + ")";
    }
}
