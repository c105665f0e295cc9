package dev.bascule.expand;

import dev.bascule.sql.DirectiveKind;
import dev.bascule.sql.IncludeResolver;
import dev.bascule.sql.Script;
import dev.bascule.sql.ScriptParser;
import dev.bascule.sql.Statement;
import dev.bascule.sql.StatementKind;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies migration files the way Bascule's runner does, for tests of generated files: split by the runner's own
 * {@link ScriptParser} with {@code \ir} includes resolved from the project folder; one transaction per file
 * unless it says {@code -- bascule:no-transaction}; {@code lock_timeout} 10 s like the runner's default. Records
 * no history: the tests look at the schema and the data.
 */
final class MigrationHarness {

    private static final Pattern UPDATE_TABLE = Pattern.compile("^UPDATE\\s+(\\S+)\\s+SET\\s", Pattern.CASE_INSENSITIVE);
    private static final Pattern BATCH_KEY = Pattern.compile("(?:^|\\s)key=(\\S+)");
    private static final Pattern BATCH_SIZE = Pattern.compile("(?:^|\\s)size=(\\d+)");

    private final Path project;
    private final Connection connection;

    /** @param connection used for every file, in autocommit mode between files */
    MigrationHarness(Path project, Connection connection) throws SQLException {
        this.project = project;
        this.connection = connection;
        try (java.sql.Statement st = connection.createStatement()) {
            st.execute("SET lock_timeout = '10s'");
            st.execute("SET statement_timeout = '120s'");
        }
    }

    /** Writes every file of the plan under the project folder. */
    void write(ExpandContractPlan plan) {
        for (GeneratedFile file : plan.files()) {
            Path target = project.resolve(file.path());
            try {
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.content(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    void apply(GeneratedFile migration) throws SQLException {
        apply(migration.path());
    }

    /** Applies one migration file, given relative to the project folder. */
    void apply(Path relative) throws SQLException {
        String text;
        try {
            text = Files.readString(project.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Script script = ScriptParser.parse(relative.toString().replace('\\', '/'), text,
                IncludeResolver.fileSystem(project));
        boolean batched = script.statements().stream().anyMatch(s -> s.directive(DirectiveKind.BATCH).isPresent());
        boolean wrapped = !script.directives().noTransaction() && !batched;
        connection.setAutoCommit(!wrapped);
        try {
            for (Statement statement : script.statements()) {
                if (statement.directive(DirectiveKind.BATCH).isPresent()) {
                    runInBatches(statement);
                } else if (statement.kind() == StatementKind.COPY_FROM_STDIN) {
                    copy(statement);
                } else {
                    try (java.sql.Statement st = connection.createStatement()) {
                        st.execute(statement.sql());
                    }
                }
            }
            if (wrapped) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            if (wrapped) {
                connection.rollback();
            }
            throw new SQLException(relative + ": " + e.getMessage(), e);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * A stand-in for the batch engine built on another branch (the lead switches this test to it when both
     * land): walks the key in ranges of {@code size} keys, each range one autocommit UPDATE with
     * {@code AND key > last AND key <= next} appended to its WHERE. Only for the generated backfill's shape.
     */
    private void runInBatches(Statement statement) throws SQLException {
        String argument = statement.directive(DirectiveKind.BATCH).orElseThrow().argument();
        String update = statement.sql().replaceFirst(";\\s*$", "");
        Matcher table = UPDATE_TABLE.matcher(update);
        Matcher key = BATCH_KEY.matcher(argument);
        Matcher size = BATCH_SIZE.matcher(argument);
        if (!table.find() || !key.find() || !size.find() || !update.toUpperCase().contains(" WHERE ")) {
            throw new IllegalArgumentException("the test's keyset loop only runs UPDATE t SET ... WHERE ... with"
                    + " size= and key=: " + statement.sql());
        }
        String k = key.group(1);
        String window = "SELECT k FROM (SELECT " + k + " AS k FROM " + table.group(1) + " %s ORDER BY " + k + " LIMIT "
                + size.group(1) + ") AS batch ORDER BY k DESC LIMIT 1";
        Object last = null;
        while (true) {
            Object upTo;
            try (PreparedStatement st = connection.prepareStatement(window.formatted(last == null ? "" : "WHERE " + k + " > ?"))) {
                if (last != null) {
                    st.setObject(1, last);
                }
                try (ResultSet rs = st.executeQuery()) {
                    upTo = rs.next() ? rs.getObject(1) : null;
                }
            }
            if (upTo == null) {
                return;
            }
            try (PreparedStatement st = connection.prepareStatement(update + (last == null ? "" : " AND " + k + " > ?")
                    + " AND " + k + " <= ?")) {
                int i = 1;
                if (last != null) {
                    st.setObject(i++, last);
                }
                st.setObject(i, upTo);
                st.executeUpdate();
            }
            last = upTo;
        }
    }

    private void copy(Statement statement) throws SQLException {
        try {
            new CopyManager(connection.unwrap(BaseConnection.class))
                    .copyIn(statement.sql().replaceFirst(";\\s*$", ""), new StringReader(statement.copyData()));
        } catch (IOException e) {
            throw new SQLException("COPY: " + e.getMessage(), e);
        }
    }

    /** Applies every migration of a phase, in order. */
    void applyPhase(ExpandContractPlan plan, int phase) throws SQLException {
        for (GeneratedFile f : plan.migrations(phase)) {
            apply(f);
        }
    }

    static List<Path> sqlFiles(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".up.sql")).sorted().toList();
        }
    }
}
