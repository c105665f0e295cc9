package dev.bascule.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the statements psql sent, per application_name, from a PostgreSQL {@code jsonlog} written with
 * {@code log_statement=all} and {@code log_min_error_statement=error}. A query is logged as
 * "statement: ..." once it parses; a query that fails to parse is only visible as an ERROR entry's
 * {@code statement}. An ERROR repeating the query just logged belongs to that query and is not counted twice.
 */
final class PsqlStatementLog {

    /** What psql itself sends around each statement when ON_ERROR_ROLLBACK is on: not part of the script. */
    private static final Set<String> PSQL_SAVEPOINTS = Set.of("SAVEPOINT pg_psql_temporary_savepoint",
            "RELEASE pg_psql_temporary_savepoint", "ROLLBACK TO pg_psql_temporary_savepoint");

    private final Map<String, List<String>> sentByApplication = new HashMap<>();

    static PsqlStatementLog read(List<Path> logFiles) throws IOException {
        PsqlStatementLog log = new PsqlStatementLog();
        ObjectMapper json = new ObjectMapper();
        Map<String, String> lastLogged = new HashMap<>();
        for (Path file : logFiles) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    JsonNode entry = json.readTree(line);
                    String application = entry.path("application_name").asText("");
                    String severity = entry.path("error_severity").asText("");
                    String message = entry.path("message").asText("");
                    if (severity.equals("LOG") && message.startsWith("statement: ")) {
                        String statement = message.substring("statement: ".length());
                        if (!PSQL_SAVEPOINTS.contains(statement)) {
                            log.sentByApplication.computeIfAbsent(application, a -> new ArrayList<>()).add(statement);
                        }
                        lastLogged.put(application, statement);
                    } else if (entry.has("statement") && (severity.equals("ERROR") || severity.equals("FATAL"))) {
                        String statement = entry.get("statement").asText();
                        if (!statement.equals(lastLogged.remove(application))) {
                            log.sentByApplication.computeIfAbsent(application, a -> new ArrayList<>()).add(statement);
                        }
                    }
                }
            }
        }
        return log;
    }

    List<String> sentBy(String applicationName) {
        return sentByApplication.getOrDefault(applicationName, List.of());
    }

    boolean hasApplication(String applicationName) {
        return sentByApplication.containsKey(applicationName);
    }
}
