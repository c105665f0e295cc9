package dev.bascule.lint.parse;

/**
 * One statement of a PL/pgSQL or SQL routine body.
 *
 * @param statement the statement, positioned in the file; its {@code ddl} is parsed for {@link Kind#SQL}
 *                  statements and {@link Ddl.Opaque} for the others
 * @param loop      the innermost loop it runs in, or {@code null}
 * @param drives    for the query of {@code FOR row IN query LOOP}: the loop it feeds (run once, before the loop)
 */
public record BodyStatement(SqlStatement statement, Kind kind, BodyLoop loop, BodyLoop drives) {

    /** What kind of PL/pgSQL statement it is. */
    public enum Kind {
        /** An SQL statement PL/pgSQL sends to the server (SELECT, UPDATE, CREATE, COMMIT, CALL, ...). */
        SQL,
        /** {@code PERFORM query}: a SELECT whose result is thrown away. */
        PERFORM,
        /** {@code EXECUTE string}: dynamic SQL, not analysed. */
        EXECUTE,
        /** {@code variable := expression}. */
        ASSIGNMENT,
        /** {@code EXIT} / {@code CONTINUE}. */
        EXIT,
        /** RETURN, RAISE, GET DIAGNOSTICS, NULL, cursor commands, ... */
        OTHER
    }
}
