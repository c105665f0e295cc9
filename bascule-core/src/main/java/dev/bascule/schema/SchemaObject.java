package dev.bascule.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One object of a schema snapshot: a kind, a name and its attributes in a fixed order (a table's columns in
 * column order, then constraints, triggers, rules and policies by name, then comments, owner and grants).
 *
 * @param name qualified and quoted as PostgreSQL's {@code quote_ident} would ({@code public.moves},
 *             {@code public."Odd Name"}); functions, procedures and aggregates carry their argument types
 *             ({@code public.f(integer)})
 */
public record SchemaObject(ObjectKind kind, String name, List<Attribute> attributes) {

    public SchemaObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains("\n")) {
            throw new IllegalArgumentException("an object name is one non-empty line, got '" + name + "'");
        }
        attributes = List.copyOf(attributes);
        Set<String> keys = new HashSet<>();
        for (Attribute attribute : attributes) {
            if (!keys.add(attribute.key())) {
                throw new IllegalArgumentException(kind.label() + " " + name + " has two attributes '" + attribute.key() + "'");
            }
        }
    }

    /** {@code table public.moves}: how the text form and diffs name the object. */
    public String title() {
        return kind.label() + " " + name;
    }

    public Optional<String> value(String key) {
        return attributes.stream().filter(a -> a.key().equals(key)).map(Attribute::value).findFirst();
    }

    /** The object without the attributes of details outside {@code kept}. */
    SchemaObject restrictTo(Set<Detail> kept) {
        List<Attribute> remaining = attributes.stream()
                .filter(a -> a.detail(kind) == null || kept.contains(a.detail(kind))).toList();
        return remaining.size() == attributes.size() ? this : new SchemaObject(kind, name, remaining);
    }
}
