package dev.bascule.schema;

import java.sql.SQLException;

import static dev.bascule.schema.CatalogSession.strings;
import static dev.bascule.schema.ReadContext.USER_SCHEMA;
import static dev.bascule.schema.ReadContext.notInExtension;

/**
 * Enums (labels in order), domains (base type, collation, NOT NULL, default; their constraints come with the
 * other constraints), composite types (attributes come with the columns) and range types. Array types, the row
 * types of tables and views, multirange types (made with their range) and base types written in C are not
 * listed.
 */
final class TypeReader {

    private static final String COLLATION_NAME = "(SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname)"
            + " FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = %s)";

    private static final String TYPES = """
            SELECT t.oid, t.typtype, t.typrelid, n.nspname AS raw_schema,
                   quote_ident(n.nspname) || '.' || quote_ident(t.typname) AS name,
                   CASE WHEN t.typtype = 'e' THEN ARRAY(SELECT quote_literal(e.enumlabel) FROM pg_enum e
                        WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) END AS labels,
                   CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base_type,
                   t.typnotnull AS not_null,
                   CASE WHEN t.typtype = 'd' THEN pg_get_expr(t.typdefaultbin, 0) END AS default_value,
                   CASE WHEN t.typtype = 'd' AND t.typcollation <> bt.typcollation THEN %s END AS domain_collation,
                   format_type(r.rngsubtype, NULL) AS subtype,
                   CASE WHEN NOT opc.opcdefault THEN quote_ident(opcn.nspname) || '.' || quote_ident(opc.opcname) END
                        AS subtype_opclass,
                   CASE WHEN r.rngcollation <> st.typcollation THEN %s END AS range_collation,
                   CASE WHEN r.rngcanonical <> 0 THEN r.rngcanonical::regprocedure::text END AS canonical,
                   CASE WHEN r.rngsubdiff <> 0 THEN r.rngsubdiff::regprocedure::text END AS subtype_diff,
                   quote_ident(pg_get_userbyid(t.typowner)) AS owner,
                   t.typacl::text[] AS acl, acldefault('T', t.typowner)::text[] AS default_acl,
                   d.description
            FROM pg_type t
            JOIN pg_namespace n ON n.oid = t.typnamespace
            LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
            LEFT JOIN pg_class rc ON rc.oid = t.typrelid
            LEFT JOIN pg_range r ON r.rngtypid = t.oid
            LEFT JOIN pg_type st ON st.oid = r.rngsubtype
            LEFT JOIN pg_opclass opc ON opc.oid = r.rngsubopc
            LEFT JOIN pg_namespace opcn ON opcn.oid = opc.opcnamespace
            LEFT JOIN pg_description d ON d.classoid = 'pg_type'::regclass AND d.objoid = t.oid AND d.objsubid = 0
            WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND rc.relkind = 'c'))
              AND %s AND %s
            """.formatted(COLLATION_NAME.formatted("t.typcollation"), COLLATION_NAME.formatted("r.rngcollation"),
            USER_SCHEMA, notInExtension("pg_type", "t.oid"));

    private final ReadContext context;

    TypeReader(ReadContext context) {
        this.context = context;
    }

    void read() throws SQLException {
        context.session.each("types", TYPES, rs -> {
            String typtype = rs.getString("typtype");
            ObjectKind kind = switch (typtype) {
                case "e" -> ObjectKind.ENUM;
                case "d" -> ObjectKind.DOMAIN;
                case "c" -> ObjectKind.COMPOSITE_TYPE;
                default -> ObjectKind.RANGE_TYPE;
            };
            ObjectBuilder type = context.add(kind, rs.getString("name"), rs.getString("raw_schema"));
            switch (kind) {
                case ENUM -> type.add(ObjectBuilder.Section.DEFINITION, "", "labels", labels(strings(rs, "labels")));
                case DOMAIN -> {
                    context.domains.put(rs.getLong("oid"), type);
                    type.property("type", rs.getString("base_type"));
                    type.property("collation", rs.getString("domain_collation"));
                    type.property("not null", rs.getBoolean("not_null") ? "true" : null);
                    type.property("default", rs.getString("default_value"));
                }
                case COMPOSITE_TYPE -> context.compositeTypes.put(rs.getLong("typrelid"), type);
                default -> {
                    type.property("subtype", rs.getString("subtype"));
                    type.property("subtype operator class", rs.getString("subtype_opclass"));
                    type.property("collation", rs.getString("range_collation"));
                    type.property("canonical", rs.getString("canonical"));
                    type.property("subtype diff", rs.getString("subtype_diff"));
                }
            }
            type.comment(rs.getString("description"));
            context.ownerAndGrants(type, rs.getString("owner"), strings(rs, "acl"), strings(rs, "default_acl"));
        });
    }

    /** One quoted label per line, in the enum's order (which is semantic); an enum without labels has none. */
    private static String labels(String[] labels) {
        return String.join("\n", labels);
    }
}
