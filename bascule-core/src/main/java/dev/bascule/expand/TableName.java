package dev.bascule.expand;

import java.util.Objects;
import java.util.Optional;

/**
 * A table as the generated SQL names it: schema-qualified only when the user qualified it, so the migrations
 * resolve it through the runner's search_path like every other migration of the project.
 *
 * @param schema the schema as written by the user (exact name, not folded again), if any
 * @param name   the table's exact name
 */
public record TableName(Optional<String> schema, String name) {

    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    public static TableName of(String name) {
        return new TableName(Optional.empty(), name);
    }

    /** The name as SQL text: {@code moves}, {@code app.moves}, {@code "Moves"}. */
    public String sql() {
        return schema.map(s -> SqlText.ident(s) + ".").orElse("") + SqlText.ident(name);
    }

    /** The same schema (if any) with another object name: where the sync function goes. */
    String sibling(String objectName) {
        return schema.map(s -> SqlText.ident(s) + ".").orElse("") + SqlText.ident(objectName);
    }

    @Override
    public String toString() {
        return sql();
    }
}
