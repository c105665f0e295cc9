package dev.bascule.lint.parse;

import dev.bascule.sql.Token;

import java.util.List;

/**
 * A LOOP, WHILE, FOR or FOREACH of a PL/pgSQL body.
 *
 * @param id     its number in the body, in source order
 * @param at     its first keyword, where findings about the loop point
 * @param parent the loop it is nested in, or {@code null}
 * @param header the tokens between the first keyword and LOOP (empty for a bare LOOP)
 */
public record BodyLoop(int id, Token at, BodyLoop parent, List<Token> header) {

    public BodyLoop {
        header = List.copyOf(header);
    }

    /** True when this loop is {@code other} or nested in it. */
    public boolean within(BodyLoop other) {
        for (BodyLoop l = this; l != null; l = l.parent) {
            if (l.id == other.id) {
                return true;
            }
        }
        return false;
    }
}
