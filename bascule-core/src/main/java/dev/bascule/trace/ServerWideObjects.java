package dev.bascule.trace;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a migration can change outside its own database: roles and role memberships (MilMove's migrations create
 * roles, in DO blocks too), tablespaces, databases. Dropping the shadow database does not undo these, and a role the
 * trace left behind would make the real {@code migrate} fail ("role already exists"). So they are read before the
 * trace, and after it (the shadow dropped) roles the traced scripts created are dropped and memberships they granted
 * or revoked are put back. Other changes are reported, not undone.
 */
final class ServerWideObjects {

    private static final String ROLES = "SELECT rolname, concat_ws(',', rolsuper, rolinherit, rolcreaterole, rolcreatedb,"
            + " rolcanlogin, rolreplication, rolconnlimit, rolvaliduntil, rolbypassrls, rolconfig) FROM pg_catalog.pg_roles";
    private static final String MEMBERSHIPS = "SELECT r.rolname, m.rolname, a.admin_option FROM pg_catalog.pg_auth_members a"
            + " JOIN pg_catalog.pg_roles r ON r.oid = a.roleid JOIN pg_catalog.pg_roles m ON m.oid = a.member";

    /** Role name to its attributes; role memberships as {@code role -> member}; tablespace and database names. */
    record Snapshot(Map<String, String> roles, Map<String, Boolean> memberships, Set<String> tablespaces,
                    Set<String> databases) {
    }

    private ServerWideObjects() {
    }

    static Snapshot read(Connection c) throws SQLException {
        Map<String, String> roles = new HashMap<>();
        Map<String, Boolean> memberships = new HashMap<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(ROLES)) {
                while (rs.next()) {
                    roles.put(rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery(MEMBERSHIPS)) {
                while (rs.next()) {
                    memberships.merge(rs.getString(1) + " -> " + rs.getString(2), rs.getBoolean(3), Boolean::logicalOr);
                }
            }
            return new Snapshot(roles, memberships, names(st, "SELECT spcname FROM pg_catalog.pg_tablespace"),
                    names(st, "SELECT datname FROM pg_catalog.pg_database WHERE datname NOT LIKE 'bascule\\_shadow\\_%'"));
        }
    }

    private static Set<String> names(Statement st, String sql) throws SQLException {
        Set<String> names = new HashSet<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * Puts roles and memberships back as they were {@code before} (on a connection to another database than the
     * shadow, which is dropped by then). A new role is dropped only when a traced script names it: a role someone else
     * created meanwhile is left alone. Returns one line per thing undone or left as it is.
     *
     * @param scriptText the text of every script run on the shadow database
     */
    static List<String> restore(Connection c, Snapshot before, String scriptText) throws SQLException {
        Snapshot after = read(c);
        List<String> said = new ArrayList<>();
        String text = scriptText.toLowerCase(Locale.ROOT);
        try (Statement st = c.createStatement()) {
            for (Map.Entry<String, Boolean> granted : after.memberships().entrySet()) {
                if (!before.memberships().containsKey(granted.getKey())) {
                    String[] pair = granted.getKey().split(" -> ");
                    if (before.roles().containsKey(pair[0]) && before.roles().containsKey(pair[1])) {
                        st.execute("REVOKE " + quote(pair[0]) + " FROM " + quote(pair[1]));
                        said.add("revoked the membership " + granted.getKey() + " a traced migration granted");
                    }
                }
            }
            for (Map.Entry<String, Boolean> revoked : before.memberships().entrySet()) {
                if (!after.memberships().containsKey(revoked.getKey())) {
                    String[] pair = revoked.getKey().split(" -> ");
                    if (after.roles().containsKey(pair[0]) && after.roles().containsKey(pair[1])) {
                        st.execute("GRANT " + quote(pair[0]) + " TO " + quote(pair[1])
                                + (revoked.getValue() ? " WITH ADMIN OPTION" : ""));
                        said.add("granted the membership " + revoked.getKey() + " back, which a traced migration revoked");
                    }
                }
            }
            for (String role : after.roles().keySet()) {
                if (before.roles().containsKey(role)) {
                    if (!before.roles().get(role).equals(after.roles().get(role))) {
                        said.add("role " + role + " was changed (ALTER ROLE) while tracing; it is NOT restored: check it");
                    }
                } else if (named(text, role)) {
                    try {
                        st.execute("DROP ROLE " + quote(role));
                        said.add("dropped role " + role + ", created by a traced migration");
                    } catch (SQLException e) {
                        said.add("role " + role + ", created by a traced migration, could not be dropped (" + e.getMessage()
                                + "): drop it by hand before migrating");
                    }
                } else {
                    said.add("role " + role + " appeared while tracing but no traced migration names it: left alone");
                }
            }
        }
        for (String role : before.roles().keySet()) {
            if (!after.roles().containsKey(role)) {
                said.add("role " + role + " was dropped while tracing; it is NOT restored: re-create it");
            }
        }
        after.tablespaces().stream().filter(t -> !before.tablespaces().contains(t)).forEach(t ->
                said.add("tablespace " + t + " was created while tracing; it is NOT dropped: check it"));
        after.databases().stream().filter(d -> !before.databases().contains(d)).forEach(d ->
                said.add("database " + d + " was created while tracing; it is NOT dropped: check it"));
        return said;
    }

    private static boolean named(String lowerCaseText, String role) {
        return Pattern.compile("(?<![a-z0-9_$])" + Pattern.quote(role.toLowerCase(Locale.ROOT)) + "(?![a-z0-9_$])")
                .matcher(lowerCaseText).find();
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
