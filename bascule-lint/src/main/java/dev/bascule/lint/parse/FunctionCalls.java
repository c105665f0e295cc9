package dev.bascule.lint.parse;

import dev.bascule.sql.Lexer;
import dev.bascule.sql.ScriptSyntaxError;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The functions an expression calls ({@code name(} or {@code schema.name(}), as written in a DEFAULT. */
public final class FunctionCalls {

    /** SQL constructs written like calls that are not functions looked up in pg_proc. */
    private static final Set<String> CONSTRUCTS = Set.of("coalesce", "nullif", "greatest", "least", "cast", "row",
            "array", "extract", "position", "substring", "trim", "overlay", "exists", "any", "all", "some", "in",
            "values", "current_timestamp", "current_time", "localtime", "localtimestamp", "xmlelement", "xmlforest",
            "xmlconcat", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "treat", "normalize", "collation", "not",
            "and", "or", "is", "like", "ilike", "between", "similar", "when", "then", "else", "case", "select",
            "interval", "json_object", "json_array", "json_scalar", "json", "json_serialize");

    private FunctionCalls() {
    }

    /** The calls in {@code expression}, in order; an expression the lexer cannot read has none. */
    public static List<QName> in(String expression) {
        List<Token> tokens;
        try {
            tokens = Lexer.tokenize("default", expression).stream().filter(t -> !t.isTrivia()).toList();
        } catch (ScriptSyntaxError e) {
            return List.of();
        }
        List<QName> calls = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if ((t.type() != TokenType.WORD && t.type() != TokenType.QUOTED_IDENTIFIER)
                    || tokens.get(i + 1).type() != TokenType.LEFT_PAREN) {
                continue;
            }
            Token before = i > 0 ? tokens.get(i - 1) : null;
            if (before != null && (before.type() == TokenType.CAST || before.is("as"))) {
                continue; // a type with modifiers: ::varchar(10), CAST(x AS numeric(10, 2))
            }
            String name = TokenCursor.fold(t);
            String schema = null;
            if (before != null && before.type() == TokenType.DOT && i > 1) {
                schema = TokenCursor.fold(tokens.get(i - 2));
            } else if (t.type() == TokenType.WORD && CONSTRUCTS.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            calls.add(QName.of(schema, name));
        }
        return calls;
    }
}
