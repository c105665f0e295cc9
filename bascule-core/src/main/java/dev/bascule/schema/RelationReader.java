package dev.bascule.schema;

import java.sql.ResultSet;
import java.sql.SQLException;

import static dev.bascule.schema.CatalogSession.sortedList;
import static dev.bascule.schema.CatalogSession.strings;
import static dev.bascule.schema.ReadContext.USER_SCHEMA;
import static dev.bascule.schema.ReadContext.notInExtension;

/**
 * Tables (partitioned or not), views, materialized views, foreign tables and sequences, with their own
 * properties: partitioning, inheritance, persistence, row level security, replica identity, storage options,
 * view bodies. Bascule's own relations and those of extensions are left out here, and with them everything that
 * belongs to them (columns, indexes, triggers, ...), which the later readers look up in
 * {@link ReadContext#relations}.
 */
final class RelationReader {

    private static final String PARENT_NAME = "quote_ident(pn.nspname) || '.' || quote_ident(pc.relname)";

    private static final String RELATIONS = """
            SELECT c.oid, c.relkind, n.nspname AS raw_schema, c.relname AS raw_name,
                   quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name,
                   c.relpersistence AS persistence,
                   CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
                   CASE WHEN c.relispartition THEN
                        (SELECT %1$s FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent
                         JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE i.inhrelid = c.oid)
                        || ' ' || pg_get_expr(c.relpartbound, c.oid) END AS partition_of,
                   CASE WHEN NOT c.relispartition THEN
                        ARRAY(SELECT %1$s FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent
                              JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE i.inhrelid = c.oid
                              ORDER BY i.inhseqno) END AS inherits,
                   CASE WHEN c.reloftype <> 0 THEN format_type(c.reloftype, NULL) END AS of_type,
                   c.relrowsecurity AS row_security, c.relforcerowsecurity AS force_row_security,
                   c.relreplident AS replica_identity,
                   (SELECT quote_ident(ic.relname) FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid
                    WHERE x.indrelid = c.oid AND x.indisreplident) AS replica_index,
                   c.reloptions::text[] AS options,
                   CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS definition,
                   quote_ident(ts.spcname) AS tablespace,
                   am.amname AS access_method,
                   quote_ident(fs.srvname) AS server, ft.ftoptions::text[] AS server_options,
                   quote_ident(pg_get_userbyid(c.relowner)) AS owner, c.relacl::text[] AS acl,
                   acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner)::text[] AS default_acl,
                   d.description
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace
            LEFT JOIN pg_am am ON am.oid = c.relam
            LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid
            LEFT JOIN pg_foreign_server fs ON fs.oid = ft.ftserver
            LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid AND d.objsubid = 0
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND %2$s AND %3$s
            """.formatted(PARENT_NAME, USER_SCHEMA, notInExtension("pg_class", "c.oid"));

    private final ReadContext context;

    RelationReader(ReadContext context) {
        this.context = context;
    }

    void read() throws SQLException {
        context.session.each("tables, views and sequences", RELATIONS, rs -> {
            String schema = rs.getString("raw_schema");
            if (context.options.isBasculeRelation(schema, rs.getString("raw_name"))) {
                return;
            }
            ObjectKind kind = switch (rs.getString("relkind")) {
                case "r", "p" -> ObjectKind.TABLE;
                case "v" -> ObjectKind.VIEW;
                case "m" -> ObjectKind.MATERIALIZED_VIEW;
                case "f" -> ObjectKind.FOREIGN_TABLE;
                default -> ObjectKind.SEQUENCE;
            };
            ObjectBuilder relation = context.add(kind, rs.getString("name"), schema);
            context.relations.put(rs.getLong("oid"), relation);
            properties(relation, rs);
            relation.comment(rs.getString("description"));
            context.ownerAndGrants(relation, rs.getString("owner"), strings(rs, "acl"), strings(rs, "default_acl"));
        });
    }

    private static void properties(ObjectBuilder relation, ResultSet rs) throws SQLException {
        relation.property("partitioned by", rs.getString("partition_key"));
        relation.property("partition of", rs.getString("partition_of"));
        String[] parents = strings(rs, "inherits");
        relation.property("inherits", parents == null || parents.length == 0 ? null : String.join(", ", parents));
        relation.property("of type", rs.getString("of_type"));
        relation.property("server", rs.getString("server"));
        relation.property("server options", sortedList(strings(rs, "server_options")));
        relation.property("persistence", switch (rs.getString("persistence")) {
            case "u" -> "unlogged";
            case "t" -> "temporary";
            default -> null;
        });
        String accessMethod = rs.getString("access_method");
        relation.property("access method", accessMethod == null || accessMethod.equals("heap") ? null : accessMethod);
        relation.property("tablespace", rs.getString("tablespace"));
        relation.property("options", sortedList(strings(rs, "options")));
        relation.property("row level security", rs.getBoolean("row_security") ? "enabled" : null);
        relation.property("force row level security", rs.getBoolean("force_row_security") ? "true" : null);
        if (relation.kind() == ObjectKind.TABLE || relation.kind() == ObjectKind.MATERIALIZED_VIEW) {
            relation.property("replica identity", switch (rs.getString("replica_identity")) {
                case "n" -> "nothing";
                case "f" -> "full";
                case "i" -> "using index " + rs.getString("replica_index");
                default -> null;
            });
        }
        String definition = rs.getString("definition");
        relation.add(ObjectBuilder.Section.DEFINITION, "", "definition", definition == null ? null : viewBody(definition));
    }

    /**
     * {@code pg_get_viewdef} without the trailing semicolon and trailing blanks of each line, which some versions
     * print and others do not.
     */
    static String viewBody(String definition) {
        String body = definition.strip();
        if (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1).stripTrailing();
        }
        return body.lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
