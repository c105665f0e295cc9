package dev.bascule.schema;

import java.util.Arrays;
import java.util.Optional;

/**
 * Optional parts of a snapshot. Each is off by default because it depends on the server rather than on the
 * migrations: role names differ between environments, PostgreSQL 15 changed the owner and privileges of the
 * {@code public} schema, PostgreSQL 17 added the MAINTAIN privilege, and extension versions follow the server's
 * packages.
 */
public enum Detail {
    /** {@code owner: ROLE} on every object that has an owner. */
    OWNERSHIP("ownership"),
    /** {@code grants: ...} when the privileges differ from the defaults of the object's owner. */
    GRANTS("grants"),
    /** {@code version: 1.3} on extensions. */
    EXTENSION_VERSIONS("extension versions");

    private final String label;

    Detail(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static Optional<Detail> ofLabel(String label) {
        return Arrays.stream(values()).filter(d -> d.label.equals(label)).findFirst();
    }
}
