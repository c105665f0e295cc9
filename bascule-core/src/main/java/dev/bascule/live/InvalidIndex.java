package dev.bascule.live;

/**
 * An index PostgreSQL marks invalid ({@code pg_index.indisvalid = false}): left by a failed
 * {@code CREATE INDEX CONCURRENTLY} or {@code REINDEX CONCURRENTLY} ({@code name_ccnew}), or still being built by
 * one. It costs writes (it is maintained) and gives reads nothing.
 *
 * @param definition {@code pg_get_indexdef}: the {@code CREATE INDEX} statement that would build it again
 */
public record InvalidIndex(String schema, String name, String table, String definition) {

    /** {@code "schema"."name"}, quoted so any name is safe in SQL. */
    public String qualifiedName() {
        return quote(schema) + "." + quote(name);
    }

    /** The statement that removes it without blocking reads or writes of its table. */
    public String dropStatement() {
        return "DROP INDEX CONCURRENTLY IF EXISTS " + qualifiedName();
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return schema + "." + name + " on " + table;
    }
}
