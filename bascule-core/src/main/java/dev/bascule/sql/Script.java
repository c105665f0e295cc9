package dev.bascule.sql;

import java.util.List;

/** A parsed script: its top-level statements in execution order (includes expanded) and its directives. */
public record Script(String sourceName, List<Statement> statements, Directives directives) {

    public Script {
        statements = List.copyOf(statements);
    }
}
