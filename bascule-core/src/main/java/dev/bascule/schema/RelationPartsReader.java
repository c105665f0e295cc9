package dev.bascule.schema;

import java.sql.SQLException;
import java.util.Arrays;

import static dev.bascule.schema.CatalogSession.strings;
import static dev.bascule.schema.ReadContext.USER_SCHEMA;

/**
 * The named parts of tables, views and domains: constraints ({@code pg_get_constraintdef}, which says NOT VALID
 * and DEFERRABLE), triggers ({@code pg_get_triggerdef} and the enabled state), rules and row level security
 * policies, each with its comment.
 *
 * <p>Left out because PostgreSQL makes them from another object, under names that can depend on the order of
 * creation: constraints and triggers cloned onto partitions ({@code conparentid}, {@code tgparentid}) or inherited
 * ({@code NOT conislocal}), the internal triggers of foreign keys, and, from PostgreSQL 18, valid NOT NULL
 * constraints (the column line says NOT NULL; one added NOT VALID is listed as a constraint, and its column
 * does not say NOT NULL). Constraint triggers are listed as triggers.
 */
final class RelationPartsReader {

    private static final String CONSTRAINTS = """
            SELECT k.conrelid, k.contypid, quote_ident(k.conname) AS name, pg_get_constraintdef(k.oid) AS definition,
                   d.description
            FROM pg_constraint k
            JOIN pg_namespace n ON n.oid = k.connamespace
            LEFT JOIN pg_description d ON d.classoid = 'pg_constraint'::regclass AND d.objoid = k.oid AND d.objsubid = 0
            WHERE k.contype <> 't' AND (k.contype <> 'n' OR NOT k.convalidated)
              AND k.conparentid = 0 AND k.conislocal AND %s
            """.formatted(USER_SCHEMA);

    private static final String TRIGGERS = """
            SELECT t.tgrelid, quote_ident(t.tgname) AS name, pg_get_triggerdef(t.oid) AS definition,
                   t.tgenabled AS enabled, d.description
            FROM pg_trigger t
            LEFT JOIN pg_description d ON d.classoid = 'pg_trigger'::regclass AND d.objoid = t.oid AND d.objsubid = 0
            WHERE NOT t.tgisinternal AND t.tgparentid = 0
            """;

    private static final String RULES = """
            SELECT r.ev_class, quote_ident(r.rulename) AS name, pg_get_ruledef(r.oid) AS definition,
                   r.ev_enabled AS enabled, d.description
            FROM pg_rewrite r
            LEFT JOIN pg_description d ON d.classoid = 'pg_rewrite'::regclass AND d.objoid = r.oid AND d.objsubid = 0
            WHERE r.rulename <> '_RETURN'
            """;

    private static final String POLICIES = """
            SELECT p.polrelid, quote_ident(p.polname) AS name, p.polpermissive AS permissive, p.polcmd AS command,
                   ARRAY(SELECT CASE WHEN r.oid = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.oid)) END
                         FROM unnest(p.polroles) AS r(oid)) AS roles,
                   pg_get_expr(p.polqual, p.polrelid) AS using_expression,
                   pg_get_expr(p.polwithcheck, p.polrelid) AS check_expression, d.description
            FROM pg_policy p
            LEFT JOIN pg_description d ON d.classoid = 'pg_policy'::regclass AND d.objoid = p.oid AND d.objsubid = 0
            """;

    private final ReadContext context;

    RelationPartsReader(ReadContext context) {
        this.context = context;
    }

    void read() throws SQLException {
        context.session.each("constraints", CONSTRAINTS, rs -> {
            ObjectBuilder owner = rs.getLong("conrelid") != 0 ? context.relations.get(rs.getLong("conrelid"))
                    : context.domains.get(rs.getLong("contypid"));
            part(owner, ObjectBuilder.Section.CONSTRAINT, "2", "constraint", rs.getString("name"),
                    rs.getString("definition"), rs.getString("description"));
        });
        context.session.each("triggers", TRIGGERS, rs -> {
            String state = NamespaceReader.enabledState(rs.getString("enabled"));
            part(context.relations.get(rs.getLong("tgrelid")), ObjectBuilder.Section.TRIGGER, "3", "trigger",
                    rs.getString("name"), rs.getString("definition") + (state == null ? "" : " -- " + state),
                    rs.getString("description"));
        });
        context.session.each("rules", RULES, rs -> {
            String state = NamespaceReader.enabledState(rs.getString("enabled"));
            part(context.relations.get(rs.getLong("ev_class")), ObjectBuilder.Section.RULE, "4", "rule",
                    rs.getString("name"), rs.getString("definition") + (state == null ? "" : " -- " + state),
                    rs.getString("description"));
        });
        context.session.each("policies", POLICIES, rs -> {
            String[] roles = strings(rs, "roles");
            Arrays.sort(roles);
            String using = rs.getString("using_expression");
            String check = rs.getString("check_expression");
            String definition = (rs.getBoolean("permissive") ? "AS PERMISSIVE" : "AS RESTRICTIVE")
                    + " FOR " + command(rs.getString("command")) + " TO " + String.join(", ", roles)
                    + (using == null ? "" : " USING (" + using + ")")
                    + (check == null ? "" : " WITH CHECK (" + check + ")");
            part(context.relations.get(rs.getLong("polrelid")), ObjectBuilder.Section.POLICY, "5", "policy",
                    rs.getString("name"), definition, rs.getString("description"));
        });
    }

    /** Adds {@code WORD NAME: definition} and its comment to {@code owner}, unless the owner is not kept. */
    private static void part(ObjectBuilder owner, ObjectBuilder.Section section, String commentOrder, String word,
                             String name, String definition, String comment) {
        if (owner == null) {
            return;
        }
        owner.add(section, name, word + " " + name, definition);
        owner.add(ObjectBuilder.Section.COMMENT, commentOrder + name, "comment on " + word + " " + name, comment);
    }

    private static String command(String code) {
        return switch (code) {
            case "r" -> "SELECT";
            case "a" -> "INSERT";
            case "w" -> "UPDATE";
            case "d" -> "DELETE";
            default -> "ALL";
        };
    }
}
