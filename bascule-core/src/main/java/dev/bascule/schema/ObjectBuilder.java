package dev.bascule.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the attributes of one object while the catalog queries run, in whatever order they arrive, and
 * orders them by section, then by sort key (column number, constraint name, ...), then by arrival for
 * properties, which the readers add in a fixed order.
 */
final class ObjectBuilder {

    /** Where an attribute goes in its object's block. */
    enum Section { PROPERTY, COLUMN, CONSTRAINT, TRIGGER, RULE, POLICY, DEFINITION, COMMENT, OWNER, GRANT }

    private record Entry(Section section, String sortKey, int arrival, Attribute attribute) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::section)
            .thenComparing(Entry::sortKey).thenComparingInt(Entry::arrival);

    private final ObjectKind kind;
    private final String name;
    private final String schema;
    private final List<Entry> entries = new ArrayList<>();

    /**
     * @param schema the object's schema as stored in the catalog (unquoted), or null for objects outside schemas
     */
    ObjectBuilder(ObjectKind kind, String name, String schema) {
        this.kind = kind;
        this.name = name;
        this.schema = schema;
    }

    ObjectKind kind() {
        return kind;
    }

    String schema() {
        return schema;
    }

    /** Adds an attribute unless the value is null (absent). */
    ObjectBuilder add(Section section, String sortKey, String key, String value) {
        if (value != null) {
            entries.add(new Entry(section, sortKey, entries.size(), new Attribute(key, value)));
        }
        return this;
    }

    /** A property of the object itself; properties keep the order the readers add them in. */
    ObjectBuilder property(String key, String value) {
        return add(Section.PROPERTY, "", key, value);
    }

    /** The object's own comment, listed before the comments on its parts. */
    ObjectBuilder comment(String text) {
        return add(Section.COMMENT, "0", "comment", text);
    }

    SchemaObject build() {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(ORDER);
        return new SchemaObject(kind, name, sorted.stream().map(Entry::attribute).toList());
    }

    /** A sort key that orders column numbers numerically. */
    static String position(int number) {
        return String.format("%06d", number);
    }
}
