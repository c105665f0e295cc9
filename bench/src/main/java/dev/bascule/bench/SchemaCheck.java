package dev.bascule.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Counts what a contender left in its database and compares it with what the generated migrations create. */
public final class SchemaCheck {

    private SchemaCheck() {
    }

    /**
     * Returns the differences between the database and {@code expected}, empty when everything is there.
     *
     * @param historyCount SQL returning the number of successful history rows the runner recorded, if it keeps any
     */
    public static List<String> differences(Connection connection, ExpectedSchema expected, Optional<String> historyCount)
            throws SQLException {
        List<String> problems = new ArrayList<>();
        if (count(connection, "SELECT count(*) FROM pg_catalog.pg_class WHERE relname = 'bench_marks' AND relkind = 'r'") == 0) {
            problems.add("table bench_marks is missing: not even the first migration ran");
            return problems;
        }
        compare(problems, "bench_marks rows", expected.migrations(), count(connection, "SELECT count(*) FROM bench_marks"));
        compare(problems, "distinct migrations in bench_marks 1.." + expected.migrations(), expected.migrations(),
                count(connection, "SELECT count(DISTINCT migration) FROM bench_marks WHERE migration BETWEEN 1 AND "
                        + expected.migrations()));
        compare(problems, "tables bench_t_*", expected.tables(), count(connection,
                "SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname LIKE 'bench\\_t\\_%'"));
        compare(problems, "indexes bench_ix_*", expected.indexes(), count(connection,
                "SELECT count(*) FROM pg_catalog.pg_indexes WHERE schemaname = 'public' AND indexname LIKE 'bench\\_ix\\_%'"));
        compare(problems, "functions bench_fn_*", expected.functions(), count(connection,
                "SELECT count(*) FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace "
                        + "WHERE n.nspname = 'public' AND p.proname LIKE 'bench\\_fn\\_%'"));
        compare(problems, "data rows in bench_t_*", expected.dataRows(), dataRows(connection));
        if (historyCount.isPresent()) {
            compare(problems, "successful history rows", expected.migrations(), count(connection, historyCount.get()));
        }
        return problems;
    }

    private static long dataRows(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                     + "ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname LIKE 'bench\\_t\\_%'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        if (tables.isEmpty()) {
            return 0;
        }
        StringBuilder sql = new StringBuilder("SELECT 0");
        for (String table : tables) {
            sql.append(" + (SELECT count(*) FROM public.\"").append(table).append("\")");
        }
        return count(connection, sql.toString());
    }

    private static void compare(List<String> problems, String what, long expected, long found) {
        if (expected != found) {
            problems.add(what + ": expected " + expected + ", found " + found);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
