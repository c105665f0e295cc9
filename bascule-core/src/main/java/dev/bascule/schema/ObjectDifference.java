package dev.bascule.schema;

import java.util.List;

/** How one object differs between the two snapshots of a {@link SchemaDiff}. */
public sealed interface ObjectDifference {

    /** {@code table public.moves}. */
    String title();

    /** In A, not in B. */
    record MissingInB(SchemaObject object) implements ObjectDifference {
        @Override
        public String title() {
            return object.title();
        }
    }

    /** In B, not in A. */
    record MissingInA(SchemaObject object) implements ObjectDifference {
        @Override
        public String title() {
            return object.title();
        }
    }

    /** In both, with different attributes. */
    record Changed(ObjectKind kind, String name, List<AttributeDifference> differences) implements ObjectDifference {
        public Changed {
            differences = List.copyOf(differences);
        }

        @Override
        public String title() {
            return kind.label() + " " + name;
        }
    }

    /** How one attribute of an object differs. */
    sealed interface AttributeDifference {
    }

    /** {@code key} is in A only. */
    record AttributeMissingInB(Attribute attribute) implements AttributeDifference {
    }

    /** {@code key} is in B only. */
    record AttributeMissingInA(Attribute attribute) implements AttributeDifference {
    }

    /** {@code key} has another value in B. */
    record AttributeChanged(String key, String valueInA, String valueInB) implements AttributeDifference {
    }

    /** The columns both have are in another order (column order is semantic: {@code SELECT *}, {@code COPY}). */
    record ColumnOrderChanged(List<String> orderInA, List<String> orderInB) implements AttributeDifference {
        public ColumnOrderChanged {
            orderInA = List.copyOf(orderInA);
            orderInB = List.copyOf(orderInB);
        }
    }
}
