package dev.bascule.expand;

import dev.bascule.error.BasculeException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Asks the database itself whether the generated files will run, before any is written: names free, and for a
 * type change every conversion the files make (old → new by cast or USING, new → old for phase 2, the carried
 * default and CHECKs). Each probe is a statement PostgreSQL type-checks but runs over no row ({@code LIMIT 0},
 * temporary tables), inside one transaction that is rolled back: the live table is only read.
 */
final class LiveSchemaProbe {

    private static final Pattern CHECK_TAIL = Pattern.compile("\\s+(NO\\s+INHERIT|NOT\\s+VALID)\\s*$",
            Pattern.CASE_INSENSITIVE);

    private final Connection connection;
    private final ColumnChange change;
    private final List<String> problems = new ArrayList<>();

    private LiveSchemaProbe(Connection connection, ColumnChange change) {
        this.connection = connection;
        this.change = change;
    }

    static List<String> problems(Connection connection, ExpandContractRequest request, ColumnFacts facts,
                                 Duration timeout) {
        LiveSchemaProbe probe = new LiveSchemaProbe(connection, request.change());
        try {
            Transactions.rolledBack(connection, timeout, false, () -> {
                probe.names(request);
                probe.carriedNames(request, facts);
                if (request.change() instanceof ColumnChange.ChangeType t) {
                    probe.typeChange(t, request, facts);
                }
                return null;
            });
        } catch (SQLException e) {
            throw new BasculeException.Configuration("cannot check " + request.change().table() + "."
                    + request.change().column() + " in the database: " + e.getMessage(), e);
        }
        return probe.problems;
    }

    private void names(ExpandContractRequest request) throws SQLException {
        String sync = request.effectiveSyncName();
        String function = change.table().sibling(sync) + "()";
        if (exists("SELECT to_regprocedure(?) IS NOT NULL", function)) {
            problems.add("a function " + function + " already exists; give the change another sync name");
        }
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass(?) AND tgname = ?)")) {
            st.setString(1, change.table().sql());
            st.setString(2, sync);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    problems.add(change.table() + " already has a trigger " + sync + "; give the change another sync"
                            + " name");
                }
            }
        }
    }

    /**
     * The names the copies will take must be free: the indexes migration drops an index of that name before
     * building it (to clear a failed build), which must never be someone else's index.
     */
    private void carriedNames(ExpandContractRequest request, ColumnFacts facts) throws SQLException {
        CarriedObjects carried;
        try {
            carried = CarriedObjects.of(change, facts, request.notCarried());
        } catch (BasculeException.Configuration e) {
            return; // reported by the type-change probes
        }
        for (CarriedObjects.IndexCopy index : carried.indexes()) {
            String name = change.table().sibling(index.name());
            if (exists("SELECT to_regclass(?) IS NOT NULL", name)) {
                problems.add("the copy of an index would be named " + name + ", which already exists; rename or drop"
                        + " that relation first");
            }
        }
        List<String> constraints = new ArrayList<>(carried.constraints().stream().map(CarriedObjects.Constraint::name)
                .toList());
        carried.notNullCheck().ifPresent(constraints::add);
        carried.indexes().forEach(i -> constraints.add(i.name()));
        try (PreparedStatement st = connection.prepareStatement("SELECT conname FROM pg_constraint"
                + " WHERE conrelid = to_regclass(?) AND conname = ANY (?) ORDER BY 1")) {
            st.setString(1, change.table().sql());
            st.setArray(2, connection.createArrayOf("text", constraints.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    problems.add(change.table() + " already has a constraint " + rs.getString(1) + ", the name a copy"
                            + " would take; rename or drop it first");
                }
            }
        }
    }

    private void typeChange(ColumnChange.ChangeType t, ExpandContractRequest request, ColumnFacts facts)
            throws SQLException {
        String table = t.table().sql();
        String column = SqlText.ident(t.column());
        String subject = t.table().name() + "." + t.column();
        if (!probe("CREATE TEMPORARY TABLE bascule_probe_new (v " + t.newType() + ")",
                "type " + t.newType() + " cannot be used: {pg}; create the type in an earlier migration or fix its name")) {
            return;
        }
        probe("CREATE TEMPORARY TABLE bascule_probe_old (v " + facts.type() + ")", "type " + facts.type() + ": {pg}");
        if (t.using().isPresent()) {
            probe("INSERT INTO bascule_probe_new SELECT (" + t.using().get() + ") FROM " + table + " LIMIT 0",
                    "USING " + t.using().get() + " does not give a " + t.newType() + " for " + subject + ": {pg}");
        } else {
            probe("INSERT INTO bascule_probe_new SELECT " + column + " FROM " + table + " LIMIT 0",
                    subject + " (" + facts.type() + ") has no assignment cast to " + t.newType() + " ({pg}); give USING,"
                            + " e.g. USING " + column + "::" + t.newType());
        }
        String withNewColumn = "(SELECT t.*, NULL::" + t.newType() + " AS " + SqlText.ident(t.newColumn()) + " FROM "
                + table + " AS t) AS " + SqlText.ident(t.table().name());
        if (t.reverseUsing().isPresent()) {
            probe("INSERT INTO bascule_probe_old SELECT (" + t.reverseUsing().get() + ") FROM " + withNewColumn
                    + " LIMIT 0", "reverse USING " + t.reverseUsing().get() + " does not give a " + facts.type()
                    + " for " + subject + ": {pg}");
        } else {
            probe("INSERT INTO bascule_probe_old SELECT NULL::" + t.newType(), "phase 2 copies the new code's writes"
                    + " back into " + subject + ", but " + t.newType() + " has no assignment cast to " + facts.type()
                    + " ({pg}); give a reverse expression over " + t.newColumn() + ", e.g. " + SqlText.ident(t.newColumn())
                    + "::" + facts.type());
        }
        CarriedObjects carried;
        try {
            carried = CarriedObjects.of(t, facts, request.notCarried());
        } catch (BasculeException.Configuration e) {
            problems.add(e.getMessage());
            return;
        }
        carried.newDefault().ifPresent(d -> uncheckedProbe("INSERT INTO bascule_probe_new SELECT " + d,
                "the default of " + subject + " becomes " + d + " on " + t.newColumn() + ", which PostgreSQL refuses"
                        + " ({pg}); leave it out (not carried: default) and set the new default by hand"));
        for (CarriedObjects.Constraint c : carried.constraints()) {
            if (c.definition().regionMatches(true, 0, "CHECK", 0, 5)) {
                String expression = CHECK_TAIL.matcher(c.definition().substring(5)).replaceAll("");
                uncheckedProbe("SELECT " + expression + " FROM " + withNewColumn + " LIMIT 0", "the CHECK copied as "
                        + c.name() + " " + c.definition() + " does not hold for " + t.newType() + " ({pg}); leave the"
                        + " original out with notCarried and write the new column's check by hand");
            }
        }
    }

    private void uncheckedProbe(String sql, String problem) {
        try {
            probe(sql, problem);
        } catch (SQLException e) {
            problems.add(problem.replace("{pg}", String.valueOf(e.getMessage())));
        }
    }

    /** Runs {@code sql} under a savepoint; a failure becomes a problem ({@code {pg}}: PostgreSQL's message). */
    private boolean probe(String sql, String problem) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
            connection.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException e) {
            connection.rollback(savepoint);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines()
                    .findFirst().orElse("").replaceFirst("^ERROR: ", "");
            problems.add(problem.replace("{pg}", message));
            return false;
        }
    }

    private boolean exists(String sql, String argument) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, argument);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
