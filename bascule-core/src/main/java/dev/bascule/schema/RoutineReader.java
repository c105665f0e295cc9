package dev.bascule.schema;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static dev.bascule.schema.CatalogSession.strings;
import static dev.bascule.schema.ReadContext.USER_SCHEMA;
import static dev.bascule.schema.ReadContext.notInExtension;

/**
 * Functions, procedures and aggregates, named by their signature ({@code public.f(integer)}).
 *
 * <p>Functions PostgreSQL makes for another object (the constructors of a range or multirange type, which
 * depend on it internally) are that object's and not listed.
 *
 * <p>A function is described from {@code pg_proc} rather than by {@code pg_get_functiondef}: arguments and result
 * as PostgreSQL prints them, one line of attributes in {@code CREATE FUNCTION} words (only those that differ from
 * the defaults, as {@code pg_get_functiondef} does), each {@code SET} on a line of its own, and the body exactly as
 * written ({@code prosrc}). So a diff says which attribute changed, and the layout is the snapshot's own, the same
 * on every server version. SQL-standard bodies ({@code BEGIN ATOMIC}, PostgreSQL 14+) are stored parsed and come
 * from {@code pg_get_function_sqlbody}, whose layout may change between major versions.
 */
final class RoutineReader {

    private static final String FUNCTIONS = """
            SELECT p.oid::regprocedure::text AS name, n.nspname AS raw_schema, p.prokind AS kind,
                   pg_get_function_arguments(p.oid) AS arguments, pg_get_function_result(p.oid) AS result,
                   quote_ident(l.lanname) AS language, p.provolatile AS volatility, p.proisstrict AS strict,
                   p.prosecdef AS security_definer, p.proleakproof AS leakproof, p.proparallel AS parallel,
                   p.procost AS cost, p.prorows AS result_rows, p.proretset AS returns_set,
                   CASE WHEN p.prosupport <> 0 THEN p.prosupport::regprocedure::text END AS support,
                   p.proconfig AS settings, p.prosrc AS source, p.probin AS library, %s AS sql_body,
                   quote_ident(pg_get_userbyid(p.proowner)) AS owner, p.proacl::text[] AS acl,
                   acldefault('f', p.proowner)::text[] AS default_acl, d.description
            FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace
            JOIN pg_language l ON l.oid = p.prolang
            LEFT JOIN pg_description d ON d.classoid = 'pg_proc'::regclass AND d.objoid = p.oid AND d.objsubid = 0
            WHERE p.prokind IN ('f', 'p', 'w') AND %s AND %s
              AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_proc'::regclass AND i.objid = p.oid
                              AND i.deptype = 'i')
            """;

    private static final String AGGREGATES = """
            SELECT p.oid::regprocedure::text AS name, n.nspname AS raw_schema, a.aggkind AS kind,
                   a.aggtransfn::regprocedure::text AS state_function, format_type(a.aggtranstype, NULL) AS state_type,
                   CASE WHEN a.aggfinalfn <> 0 THEN a.aggfinalfn::regprocedure::text END AS final_function,
                   CASE WHEN a.aggcombinefn <> 0 THEN a.aggcombinefn::regprocedure::text END AS combine_function,
                   a.agginitval AS initial_value,
                   CASE WHEN a.aggsortop <> 0 THEN a.aggsortop::regoperator::text END AS sort_operator,
                   quote_ident(pg_get_userbyid(p.proowner)) AS owner, p.proacl::text[] AS acl,
                   acldefault('f', p.proowner)::text[] AS default_acl, d.description
            FROM pg_aggregate a
            JOIN pg_proc p ON p.oid = a.aggfnoid
            JOIN pg_namespace n ON n.oid = p.pronamespace
            LEFT JOIN pg_description d ON d.classoid = 'pg_proc'::regclass AND d.objoid = p.oid AND d.objsubid = 0
            WHERE %s AND %s
            """.formatted(USER_SCHEMA, notInExtension("pg_proc", "p.oid"));

    private final ReadContext context;

    RoutineReader(ReadContext context) {
        this.context = context;
    }

    void read() throws SQLException {
        String sqlBody = context.session.serverVersion() >= 140000
                ? "CASE WHEN p.prosqlbody IS NOT NULL THEN pg_get_function_sqlbody(p.oid) END" : "NULL::text";
        context.session.each("functions and procedures",
                FUNCTIONS.formatted(sqlBody, USER_SCHEMA, notInExtension("pg_proc", "p.oid")), rs -> {
            boolean procedure = rs.getString("kind").equals("p");
            ObjectBuilder routine = context.add(procedure ? ObjectKind.PROCEDURE : ObjectKind.FUNCTION,
                    rs.getString("name"), rs.getString("raw_schema"));
            routine.property("arguments", withoutDefaultMode(rs.getString("arguments")));
            routine.property("returns", rs.getString("result"));
            routine.property("attributes", attributes(rs));
            String[] settings = strings(rs, "settings");
            if (settings != null) {
                for (String setting : settings) {
                    int equals = setting.indexOf('=');
                    routine.add(ObjectBuilder.Section.PROPERTY, "set " + setting, "set " + setting.substring(0, equals),
                            setting.substring(equals + 1));
                }
            }
            routine.property("library", rs.getString("library"));
            String sqlBodyText = rs.getString("sql_body");
            routine.add(ObjectBuilder.Section.DEFINITION, "", "body", sqlBodyText != null ? sqlBodyText : rs.getString("source"));
            routine.comment(rs.getString("description"));
            context.ownerAndGrants(routine, rs.getString("owner"), strings(rs, "acl"), strings(rs, "default_acl"));
        });
        context.session.each("aggregates", AGGREGATES, rs -> {
            ObjectBuilder aggregate = context.add(ObjectKind.AGGREGATE, rs.getString("name"), rs.getString("raw_schema"));
            aggregate.property("kind", switch (rs.getString("kind")) {
                case "o" -> "ordered-set";
                case "h" -> "hypothetical-set";
                default -> null;
            });
            aggregate.property("state function", rs.getString("state_function"));
            aggregate.property("state type", rs.getString("state_type"));
            aggregate.property("final function", rs.getString("final_function"));
            aggregate.property("combine function", rs.getString("combine_function"));
            aggregate.property("initial value", rs.getString("initial_value"));
            aggregate.property("sort operator", rs.getString("sort_operator"));
            aggregate.comment(rs.getString("description"));
            context.ownerAndGrants(aggregate, rs.getString("owner"), strings(rs, "acl"), strings(rs, "default_acl"));
        });
    }

    /** {@code LANGUAGE plpgsql STABLE STRICT SECURITY DEFINER ...}: the words that differ from the defaults. */
    private static String attributes(ResultSet rs) throws SQLException {
        List<String> words = new ArrayList<>();
        String language = rs.getString("language");
        words.add("LANGUAGE " + language);
        if (rs.getString("kind").equals("w")) {
            words.add("WINDOW");
        }
        switch (rs.getString("volatility")) {
            case "i" -> words.add("IMMUTABLE");
            case "s" -> words.add("STABLE");
            default -> { }
        }
        if (rs.getBoolean("strict")) {
            words.add("STRICT");
        }
        if (rs.getBoolean("security_definer")) {
            words.add("SECURITY DEFINER");
        }
        if (rs.getBoolean("leakproof")) {
            words.add("LEAKPROOF");
        }
        switch (rs.getString("parallel")) {
            case "s" -> words.add("PARALLEL SAFE");
            case "r" -> words.add("PARALLEL RESTRICTED");
            default -> { }
        }
        float cost = rs.getFloat("cost");
        boolean compiled = language.equals("internal") || language.equals("c");
        if (cost != (compiled ? 1f : 100f)) {
            words.add("COST " + rs.getString("cost"));
        }
        float rows = rs.getFloat("result_rows");
        if (rs.getBoolean("returns_set") && rows != 1000f) {
            words.add("ROWS " + rs.getString("result_rows"));
        }
        String support = rs.getString("support");
        if (support != null) {
            words.add("SUPPORT " + support);
        }
        return String.join(" ", words);
    }

    /**
     * The argument list without the default mode word {@code IN}, which PostgreSQL 14+ prints for procedure
     * arguments and 13 does not. Only a top-level {@code IN } at the start of an argument is removed (outside
     * quotes and parentheses); {@code INOUT} and names are untouched.
     */
    static String withoutDefaultMode(String arguments) {
        if (arguments == null || !arguments.contains("IN ")) {
            return arguments;
        }
        StringBuilder out = new StringBuilder();
        int depth = 0;
        char quote = 0;
        boolean argumentStart = true;
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (argumentStart && quote == 0 && depth == 0 && arguments.startsWith("IN ", i)) {
                i += 2;
                argumentStart = false;
                continue;
            }
            argumentStart = false;
            out.append(c);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0 && arguments.startsWith(" ", i + 1)) {
                out.append(' ');
                i++;
                argumentStart = true;
            }
        }
        return out.toString();
    }
}
