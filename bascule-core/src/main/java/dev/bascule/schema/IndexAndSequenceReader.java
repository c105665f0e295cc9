package dev.bascule.schema;

import java.sql.SQLException;

import static dev.bascule.schema.ReadContext.USER_SCHEMA;

/**
 * Indexes ({@code pg_get_indexdef}, and whether a failed {@code CREATE INDEX CONCURRENTLY} left one invalid),
 * extended statistics, and the numbers of sequences with the column that owns them.
 *
 * <p>Indexes that implement a primary key, unique or exclusion constraint are that constraint and not listed
 * again; nor are the indexes PostgreSQL attaches to a partitioned index on each partition, whose names depend on
 * the order in which partitions and indexes were made.
 */
final class IndexAndSequenceReader {

    private static final String INDEXES = """
            SELECT x.indrelid, n.nspname AS raw_schema, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name,
                   pg_get_indexdef(x.indexrelid) AS definition, x.indisvalid AS valid, x.indisclustered AS clustered,
                   quote_ident(ts.spcname) AS tablespace, d.description
            FROM pg_index x
            JOIN pg_class c ON c.oid = x.indexrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace
            LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = x.indexrelid AND d.objsubid = 0
            WHERE %s
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid
                              AND k.conrelid = x.indrelid AND k.contype IN ('p', 'u', 'x'))
              AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = x.indexrelid)
            """.formatted(USER_SCHEMA);

    private static final String SEQUENCES = """
            SELECT s.seqrelid, format_type(s.seqtypid, NULL) AS type, s.seqstart AS start,
                   s.seqincrement AS increment, s.seqmin AS minimum, s.seqmax AS maximum, s.seqcache AS cache,
                   s.seqcycle AS cycle, dep.deptype AS dependency, dep.refobjid AS owner_table,
                   quote_ident(tn.nspname) || '.' || quote_ident(tc.relname) || '.' || quote_ident(ta.attname) AS owner_column
            FROM pg_sequence s
            LEFT JOIN pg_depend dep ON dep.classid = 'pg_class'::regclass AND dep.objid = s.seqrelid
                 AND dep.refclassid = 'pg_class'::regclass AND dep.deptype IN ('a', 'i')
            LEFT JOIN pg_class tc ON tc.oid = dep.refobjid
            LEFT JOIN pg_namespace tn ON tn.oid = tc.relnamespace
            LEFT JOIN pg_attribute ta ON ta.attrelid = dep.refobjid AND ta.attnum = dep.refobjsubid
            """;

    private static final String STATISTICS = """
            SELECT s.stxrelid, n.nspname AS raw_schema, quote_ident(n.nspname) || '.' || quote_ident(s.stxname) AS name,
                   pg_get_statisticsobjdef(s.oid) AS definition, d.description
            FROM pg_statistic_ext s
            JOIN pg_namespace n ON n.oid = s.stxnamespace
            LEFT JOIN pg_description d ON d.classoid = 'pg_statistic_ext'::regclass AND d.objoid = s.oid AND d.objsubid = 0
            WHERE %s
            """.formatted(USER_SCHEMA);

    private final ReadContext context;

    IndexAndSequenceReader(ReadContext context) {
        this.context = context;
    }

    void read() throws SQLException {
        context.session.each("indexes", INDEXES, rs -> {
            if (!context.relations.containsKey(rs.getLong("indrelid"))) {
                return;
            }
            ObjectBuilder index = context.add(ObjectKind.INDEX, rs.getString("name"), rs.getString("raw_schema"));
            index.add(ObjectBuilder.Section.DEFINITION, "", "definition", rs.getString("definition"));
            index.property("valid", rs.getBoolean("valid") ? null : "false");
            index.property("clustered", rs.getBoolean("clustered") ? "true" : null);
            index.property("tablespace", rs.getString("tablespace"));
            index.comment(rs.getString("description"));
        });
        context.session.each("sequences", SEQUENCES, rs -> {
            ObjectBuilder sequence = context.relations.get(rs.getLong("seqrelid"));
            if (sequence == null) {
                return;
            }
            String dependency = rs.getString("dependency");
            if (dependency != null && !context.relations.containsKey(rs.getLong("owner_table"))) {
                // Owned by a relation that is left out (Bascule's history table, an extension's table).
                context.objects().remove(sequence);
                return;
            }
            sequence.property("type", rs.getString("type"));
            sequence.property("start", rs.getString("start"));
            sequence.property("increment", rs.getString("increment"));
            sequence.property("minimum", rs.getString("minimum"));
            sequence.property("maximum", rs.getString("maximum"));
            sequence.property("cache", rs.getString("cache"));
            sequence.property("cycle", rs.getBoolean("cycle") ? "true" : "false");
            if (dependency != null) {
                sequence.property(dependency.equals("i") ? "identity of" : "owned by", rs.getString("owner_column"));
            }
        });
        context.session.each("statistics", STATISTICS, rs -> {
            if (!context.relations.containsKey(rs.getLong("stxrelid"))) {
                return;
            }
            ObjectBuilder statistics = context.add(ObjectKind.STATISTICS, rs.getString("name"), rs.getString("raw_schema"));
            statistics.add(ObjectBuilder.Section.DEFINITION, "", "definition", rs.getString("definition"));
            statistics.comment(rs.getString("description"));
        });
    }
}
