package dev.bascule.fizz;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * Runs a whole .sql migration over JDBC the way the replay test needs: text is sent with
 * {@link Statement#execute} (pgjdbc accepts several statements in one string), except pg_dump-style
 * {@code COPY ... FROM stdin;} blocks, whose data lines up to {@code \.} go through pgjdbc's CopyManager.
 * The COPY statement must start a line, as pg_dump writes it; this is test support, not the script engine.
 */
final class CopyAwareSqlRunner {

    private static final Pattern COPY_FROM_STDIN =
            Pattern.compile("(?im)^COPY\\s[^;]*?\\sFROM\\s+stdin\\s*;[ \\t]*\\r?\\n");
    private static final Pattern END_OF_DATA = Pattern.compile("(?m)^\\\\\\.\\r?$");

    private CopyAwareSqlRunner() {
    }

    /** Returns the number of COPY blocks loaded. */
    static int run(Connection connection, String sql) throws SQLException {
        int copies = 0;
        int pos = 0;
        Matcher copy = COPY_FROM_STDIN.matcher(sql);
        while (copy.find(pos)) {
            executeIfAny(connection, sql.substring(pos, copy.start()));
            Matcher end = END_OF_DATA.matcher(sql);
            if (!end.find(copy.end())) {
                throw new SQLException("COPY block starting at offset " + copy.start() + " has no \\. end line");
            }
            String copyStatement = sql.substring(copy.start(), copy.end()).strip();
            copyStatement = copyStatement.substring(0, copyStatement.length() - 1);
            String data = sql.substring(copy.end(), end.start());
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copyStatement, new StringReader(data));
            } catch (IOException e) {
                throw new SQLException("COPY data could not be read", e);
            }
            copies++;
            pos = end.end();
        }
        executeIfAny(connection, sql.substring(pos));
        return copies;
    }

    private static void executeIfAny(Connection connection, String sql) throws SQLException {
        if (hasCode(sql)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }

    /** False when the text is only white space and {@code --} comments. */
    private static boolean hasCode(String sql) {
        return sql.lines().map(String::strip).anyMatch(line -> !line.isEmpty() && !line.startsWith("--"));
    }
}
