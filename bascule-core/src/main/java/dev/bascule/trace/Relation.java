package dev.bascule.trace;

/**
 * A table, index, sequence or view of the shadow database.
 *
 * @param schema its schema
 * @param name   its name
 * @param kind   {@code pg_class.relkind} spelled out: table, partitioned table, index, sequence, view,
 *               materialized view, foreign table, ...
 */
public record Relation(String schema, String name, String kind) {

    /** {@code schema.name}, always qualified: a migration may change the search_path. */
    public String qualified() {
        return schema + "." + name;
    }

    /** Whether this is the relation a linter's name means: {@code name} or {@code schema.name}, unquoted. */
    public boolean isNamed(String schemaOrNull, String relationName) {
        return name.equals(relationName) && (schemaOrNull == null || schema.equals(schemaOrNull));
    }

    public boolean isTable() {
        return kind.equals("table") || kind.equals("partitioned table") || kind.equals("materialized view");
    }

    static String kindOf(String relkind) {
        return switch (relkind == null ? "" : relkind) {
            case "r" -> "table";
            case "p" -> "partitioned table";
            case "i" -> "index";
            case "I" -> "partitioned index";
            case "S" -> "sequence";
            case "v" -> "view";
            case "m" -> "materialized view";
            case "f" -> "foreign table";
            case "c" -> "composite type";
            case "t" -> "toast table";
            default -> "relation";
        };
    }

    @Override
    public String toString() {
        return qualified();
    }
}
