package dev.bascule.run.batch;

/**
 * The key a batched statement walks, as found in the live catalog.
 *
 * @param tableOid       the key table's {@code pg_class} oid
 * @param qualifiedTable the key table, schema-qualified and quoted, for the bound query
 * @param keyColumn      the key column's name (unquoted)
 * @param typeSql        the column's type as {@code format_type} writes it, for casts of the stored key text
 * @param primaryKey     the key is the table's primary key (else a unique NOT NULL column named by {@code key=})
 */
public record ResolvedKey(long tableOid, String qualifiedTable, String keyColumn, String typeSql, boolean primaryKey) {

    public String quotedKeyColumn() {
        return quote(keyColumn);
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
