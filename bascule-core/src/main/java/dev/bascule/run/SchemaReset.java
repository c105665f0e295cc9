package dev.bascule.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drops a schema with everything in it and creates it again as it was: same owner (on PostgreSQL 15+ the
 * {@code public} schema belongs to {@code pg_database_owner}), same grants, same comment. A bare
 * {@code CREATE SCHEMA} would leave it owned by the login with no grants, and the application's role would then
 * get "no schema has been selected to create in".
 */
final class SchemaReset {

    /** What a schema looked like before the drop. */
    record SchemaState(String name, String owner, Optional<String> acl, Optional<String> comment, List<Grant> grants) {
    }

    /** One privilege of the schema's ACL: grantee empty for PUBLIC. */
    record Grant(String grantee, String privilege, boolean grantable) {
    }

    private SchemaReset() {
    }

    /** Reads the schema's owner, ACL and comment; empty when it does not exist. */
    static Optional<SchemaState> read(Connection connection, String schema) throws SQLException {
        String owner;
        Optional<String> acl;
        Optional<String> comment;
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_get_userbyid(n.nspowner), n.nspacl::text,"
                + " obj_description(n.oid, 'pg_namespace') FROM pg_namespace n WHERE n.nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                owner = rs.getString(1);
                acl = Optional.ofNullable(rs.getString(2));
                comment = Optional.ofNullable(rs.getString(3));
            }
        }
        List<Grant> grants = new ArrayList<>();
        if (acl.isPresent()) {
            // In ACL order, so the grants re-create the same ACL text, entry for entry.
            try (PreparedStatement ps = connection.prepareStatement("SELECT CASE WHEN a.grantee = 0 THEN ''"
                    + " ELSE pg_get_userbyid(a.grantee) END, a.privilege_type, a.is_grantable"
                    + " FROM pg_namespace n, aclexplode(n.nspacl) WITH ORDINALITY a(grantor, grantee, privilege_type,"
                    + " is_grantable, position) WHERE n.nspname = ? ORDER BY a.position")) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        grants.add(new Grant(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                    }
                }
            }
        }
        return Optional.of(new SchemaState(schema, owner, acl, comment, grants));
    }

    /** Drops and re-creates the schema, then restores owner, grants and comment as read before. */
    static void reset(Connection connection, SchemaState state) throws SQLException {
        String quoted = quote(state.name());
        try (Statement st = connection.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + quoted + " CASCADE");
            st.execute("CREATE SCHEMA " + quoted + " AUTHORIZATION " + quote(state.owner()));
            if (state.acl().isPresent()) {
                // A new schema's ACL is "owner only" (null); replace it by exactly the grants read before.
                st.execute("REVOKE ALL ON SCHEMA " + quoted + " FROM PUBLIC, " + quote(state.owner()));
                for (Grant g : state.grants()) {
                    st.execute("GRANT " + g.privilege() + " ON SCHEMA " + quoted + " TO "
                            + (g.grantee().isEmpty() ? "PUBLIC" : quote(g.grantee()))
                            + (g.grantable() ? " WITH GRANT OPTION" : ""));
                }
            }
            if (state.comment().isPresent()) {
                st.execute("COMMENT ON SCHEMA " + quoted + " IS " + literal(state.comment().get()));
            }
        }
    }

    /** Creates a schema that did not exist (reset of a schema the environment names but never had). */
    static void create(Connection connection, String schema) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
