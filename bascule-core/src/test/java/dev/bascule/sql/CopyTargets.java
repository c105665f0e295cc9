package dev.bascule.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates a text-column table for every {@code COPY ... FROM STDIN} of a script, so the COPY succeeds in a
 * scratch database: psql only reads a COPY's data block when the server accepted the COPY.
 */
final class CopyTargets {

    private CopyTargets() {
    }

    static void create(Connection connection, List<dev.bascule.sql.Statement> statements) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            for (dev.bascule.sql.Statement statement : statements) {
                if (statement.kind() != StatementKind.COPY_FROM_STDIN) {
                    continue;
                }
                List<Token> tokens = Lexer.tokenize("copy", statement.sql()).stream().filter(t -> !t.isTrivia())
                        .toList();
                StringBuilder table = new StringBuilder();
                int i = 1;
                for (; i < tokens.size() && tokens.get(i).type() != TokenType.LEFT_PAREN
                        && !tokens.get(i).is("from"); i++) {
                    table.append(tokens.get(i).text());
                }
                List<String> columns = new ArrayList<>();
                if (tokens.get(i).type() == TokenType.LEFT_PAREN) {
                    for (i++; tokens.get(i).type() != TokenType.RIGHT_PAREN; i++) {
                        if (tokens.get(i).type() != TokenType.COMMA) {
                            columns.add(tokens.get(i).text());
                        }
                    }
                } else {
                    String firstRow = statement.copyData().lines().findFirst().orElse("");
                    for (int c = 0; c <= firstRow.chars().filter(ch -> ch == '\t').count(); c++) {
                        columns.add("c" + c);
                    }
                }
                StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table).append(" (");
                for (int c = 0; c < columns.size(); c++) {
                    ddl.append(c == 0 ? "" : ", ").append(columns.get(c)).append(" text");
                }
                sql.execute(ddl.append(')').toString());
            }
        }
    }
}
