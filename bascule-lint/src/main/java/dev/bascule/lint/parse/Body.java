package dev.bascule.lint.parse;

import java.util.List;

/**
 * The body of a DO block or of a LANGUAGE plpgsql/sql function or procedure, read into statements and loops.
 *
 * @param host       index of the statement (in {@link ParsedScript#statements()}) that holds the body
 * @param routine    the DO block or function
 * @param statements its statements in source order, positioned in the file
 * @param loops      its loops in source order
 * @param problem    why the body could not be read completely, or {@code null}
 */
public record Body(int host, Routine routine, List<BodyStatement> statements, List<BodyLoop> loops,
                   String problem) {

    public Body {
        statements = List.copyOf(statements);
        loops = List.copyOf(loops);
    }

    /** A DO block runs when the migration runs; a function body runs when something calls it. */
    public boolean runsNow() {
        return routine.kind() == Routine.Kind.DO;
    }
}
