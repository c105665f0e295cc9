package dev.bascule.lint.parse;

import java.util.List;

/**
 * A column type in canonical spelling ({@code varchar}, {@code integer}, {@code timestamptz}, ...) with its
 * modifiers, e.g. {@code varchar(20)} is {@code ("varchar", [20], false)}.
 */
public record TypeName(String name, List<Integer> modifiers, boolean array) {

    public TypeName {
        modifiers = List.copyOf(modifiers);
    }

    /** Parses a type as PostgreSQL's {@code format_type} prints it, e.g. {@code character varying(20)}. */
    public static TypeName parseFormatted(String formatted) {
        List<dev.bascule.sql.Token> tokens = dev.bascule.sql.Lexer.tokenize("format_type", formatted).stream().filter(t -> !t.isTrivia()).toList();
        return new TokenCursor(tokens, formatted.substring(tokens.isEmpty() ? 0 : tokens.get(0).start())).typeName();
    }

    public boolean is(String canonical) {
        return !array && name.equals(canonical);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name);
        if (!modifiers.isEmpty()) {
            b.append('(');
            for (int i = 0; i < modifiers.size(); i++) {
                b.append(i == 0 ? "" : ",").append(modifiers.get(i));
            }
            b.append(')');
        }
        return array ? b.append("[]").toString() : b.toString();
    }
}
