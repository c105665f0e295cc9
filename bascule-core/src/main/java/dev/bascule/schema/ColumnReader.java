package dev.bascule.schema;

import java.sql.ResultSet;
import java.sql.SQLException;

import static dev.bascule.schema.CatalogSession.strings;
import static dev.bascule.schema.ObjectBuilder.position;
import static dev.bascule.schema.ReadContext.USER_SCHEMA;

/**
 * Columns of tables and foreign tables (in column order, dropped columns ignored), attributes of composite types,
 * and the comments and column privileges of every relation, views included. A view's columns follow from its
 * definition and are not listed.
 *
 * <p>From PostgreSQL 18, {@code attnotnull} is also true for a NOT NULL constraint added NOT VALID; such a column
 * does not say NOT NULL here, and the constraint is listed with the others.
 */
final class ColumnReader {

    private static final String COLUMNS = """
            SELECT a.attrelid, a.attnum, quote_ident(a.attname) AS name,
                   format_type(a.atttypid, a.atttypmod) AS type,
                   CASE WHEN a.attcollation <> t.typcollation
                        THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation,
                   a.attnotnull AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = a.attrelid
                        AND k.contype = 'n' AND NOT k.convalidated AND k.conkey[1] = a.attnum) AS not_null,
                   pg_get_expr(ad.adbin, ad.adrelid) AS expression,
                   a.attidentity AS identity, a.attgenerated AS generated,
                   a.attacl::text[] AS acl, d.description
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_collation co ON co.oid = a.attcollation
            LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
            LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
            LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = a.attrelid AND d.objsubid = a.attnum
            WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND %s
            """.formatted(USER_SCHEMA);

    private final ReadContext context;

    ColumnReader(ReadContext context) {
        this.context = context;
    }

    void read() throws SQLException {
        context.session.each("columns", COLUMNS, rs -> {
            long relation = rs.getLong("attrelid");
            ObjectBuilder table = context.relations.get(relation);
            ObjectBuilder composite = context.compositeTypes.get(relation);
            if (table != null) {
                column(table, rs, "column");
            } else if (composite != null) {
                column(composite, rs, "attribute");
            }
        });
    }

    private void column(ObjectBuilder owner, ResultSet rs, String word) throws SQLException {
        String name = rs.getString("name");
        String sortKey = position(rs.getInt("attnum"));
        if (owner.kind().hasColumnDefinitions()) {
            owner.add(ObjectBuilder.Section.COLUMN, sortKey, word + " " + name, definition(rs).render());
        }
        owner.add(ObjectBuilder.Section.COMMENT, "1" + sortKey, "comment on " + word + " " + name, rs.getString("description"));
        if (context.includes(Detail.GRANTS)) {
            owner.add(ObjectBuilder.Section.GRANT, sortKey, "grants on " + word + " " + name,
                    CatalogSession.grants(strings(rs, "acl"), new String[0]));
        }
    }

    private static ColumnDefinition definition(ResultSet rs) throws SQLException {
        String expression = rs.getString("expression");
        ColumnDefinition.Value value = switch (rs.getString("identity") + "/" + rs.getString("generated")) {
            case "a/" -> new ColumnDefinition.Identity(true);
            case "d/" -> new ColumnDefinition.Identity(false);
            case "/s" -> new ColumnDefinition.Generated(expression, true);
            case "/v" -> new ColumnDefinition.Generated(expression, false);
            default -> expression == null ? new ColumnDefinition.NoDefault() : new ColumnDefinition.Default(expression);
        };
        return new ColumnDefinition(rs.getString("type"), rs.getString("collation"), rs.getBoolean("not_null"), value);
    }
}
