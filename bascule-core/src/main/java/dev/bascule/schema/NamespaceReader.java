package dev.bascule.schema;

import java.sql.SQLException;

import static dev.bascule.schema.CatalogSession.strings;
import static dev.bascule.schema.ReadContext.USER_SCHEMA;
import static dev.bascule.schema.ReadContext.notInExtension;

/** Schemas, extensions and event triggers: the objects that live outside (or are) schemas. */
final class NamespaceReader {

    private static final String SCHEMAS = """
            SELECT n.nspname AS raw_name, quote_ident(n.nspname) AS name,
                   quote_ident(pg_get_userbyid(n.nspowner)) AS owner,
                   n.nspacl::text[] AS acl, acldefault('n', n.nspowner)::text[] AS default_acl,
                   d.description
            FROM pg_namespace n
            LEFT JOIN pg_description d ON d.classoid = 'pg_namespace'::regclass AND d.objoid = n.oid AND d.objsubid = 0
            WHERE %s AND %s
            """.formatted(USER_SCHEMA, notInExtension("pg_namespace", "n.oid"));

    private static final String EXTENSIONS = """
            SELECT quote_ident(x.extname) AS name, x.extversion AS version, n.nspname AS raw_schema,
                   quote_ident(n.nspname) AS schema, d.description
            FROM pg_extension x
            JOIN pg_namespace n ON n.oid = x.extnamespace
            LEFT JOIN pg_description d ON d.classoid = 'pg_extension'::regclass AND d.objoid = x.oid AND d.objsubid = 0
            """;

    private static final String EVENT_TRIGGERS = """
            SELECT quote_ident(t.evtname) AS name, t.evtevent AS event, t.evtfoid::regprocedure::text AS function,
                   t.evtenabled AS enabled, t.evttags AS tags, quote_ident(pg_get_userbyid(t.evtowner)) AS owner,
                   d.description
            FROM pg_event_trigger t
            LEFT JOIN pg_description d ON d.classoid = 'pg_event_trigger'::regclass AND d.objoid = t.oid AND d.objsubid = 0
            WHERE %s
            """.formatted(notInExtension("pg_event_trigger", "t.oid"));

    private final ReadContext context;

    NamespaceReader(ReadContext context) {
        this.context = context;
    }

    void read() throws SQLException {
        context.session.each("schemas", SCHEMAS, rs -> {
            ObjectBuilder schema = context.add(ObjectKind.SCHEMA, rs.getString("name"), rs.getString("raw_name"));
            schema.comment(rs.getString("description"));
            context.ownerAndGrants(schema, rs.getString("owner"), strings(rs, "acl"), strings(rs, "default_acl"));
        });
        context.session.each("extensions", EXTENSIONS, rs -> {
            ObjectBuilder extension = context.add(ObjectKind.EXTENSION, rs.getString("name"), rs.getString("raw_schema"));
            extension.property("schema", rs.getString("schema"));
            if (context.includes(Detail.EXTENSION_VERSIONS)) {
                extension.property("version", rs.getString("version"));
            }
            extension.comment(rs.getString("description"));
        });
        context.session.each("event triggers", EVENT_TRIGGERS, rs -> {
            ObjectBuilder trigger = context.add(ObjectKind.EVENT_TRIGGER, rs.getString("name"), null);
            trigger.property("event", rs.getString("event"));
            trigger.property("tags", CatalogSession.sortedList(strings(rs, "tags")));
            trigger.property("function", rs.getString("function"));
            trigger.property("enabled", enabledState(rs.getString("enabled")));
            trigger.comment(rs.getString("description"));
            if (context.includes(Detail.OWNERSHIP)) {
                trigger.add(ObjectBuilder.Section.OWNER, "", "owner", rs.getString("owner"));
            }
        });
    }

    /** {@code tgenabled}, {@code evtenabled}, {@code ev_enabled}: null for the usual O (fires in origin mode). */
    static String enabledState(String code) {
        return switch (code) {
            case "O" -> null;
            case "D" -> "disabled";
            case "R" -> "replica";
            case "A" -> "always";
            default -> "state " + code;
        };
    }
}
