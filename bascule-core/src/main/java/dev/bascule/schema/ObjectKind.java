package dev.bascule.schema;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of object a {@link SchemaSnapshot} describes, in the order the snapshot lists them. The label is the
 * first word(s) of an object's block in the text form ({@code table public.moves}).
 */
public enum ObjectKind {
    SCHEMA("schema"),
    EXTENSION("extension"),
    ENUM("enum"),
    DOMAIN("domain"),
    COMPOSITE_TYPE("composite type"),
    RANGE_TYPE("range type"),
    SEQUENCE("sequence"),
    TABLE("table"),
    FOREIGN_TABLE("foreign table"),
    VIEW("view"),
    MATERIALIZED_VIEW("materialized view"),
    INDEX("index"),
    STATISTICS("statistics"),
    FUNCTION("function"),
    PROCEDURE("procedure"),
    AGGREGATE("aggregate"),
    EVENT_TRIGGER("event trigger");

    /** Longest label first, so that "materialized view" is tried before "view" would be. */
    private static final List<ObjectKind> BY_LABEL_LENGTH = Arrays.stream(values())
            .sorted(Comparator.comparingInt((ObjectKind k) -> k.label.length()).reversed()).toList();

    private final String label;

    ObjectKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The kind whose label starts {@code header} and is followed by a space, if any. */
    static Optional<ObjectKind> ofHeader(String header) {
        return BY_LABEL_LENGTH.stream().filter(k -> header.startsWith(k.label + " ")).findFirst();
    }

    /** Tables, foreign tables and composite types: kinds whose column lines are column definitions. */
    boolean hasColumnDefinitions() {
        return this == TABLE || this == FOREIGN_TABLE || this == COMPOSITE_TYPE;
    }
}
