package dev.bascule.run.audit;

import dev.bascule.error.Problem;
import dev.bascule.sql.Directive;
import dev.bascule.sql.DirectiveKind;
import dev.bascule.sql.Lexer;
import dev.bascule.sql.Script;
import dev.bascule.sql.ScriptSyntaxError;
import dev.bascule.sql.Statement;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of {@code -- bascule:audit}, checked before anything runs: {@code pre} and {@code post} audit a query
 * (SELECT, VALUES, TABLE, or WITH ... SELECT), {@code change} a data statement (INSERT, UPDATE, DELETE, MERGE, or
 * WITH ... one of them) that has RETURNING, and a file audits each step at most once, since each step has one file.
 * Statements are read with the SQL lexer: a RETURNING inside a string, a comment or parentheses does not count.
 */
public final class AuditDirectives {

    private static final Set<String> QUERY_WORDS = Set.of("select", "values", "table");
    private static final Set<String> DATA_WORDS = Set.of("insert", "update", "delete", "merge");

    private AuditDirectives() {
    }

    /** The statement's audit, when it has a valid directive (use after {@link #check} found no problem). */
    public static Optional<AuditSpec> of(Statement statement) {
        return statement.directive(DirectiveKind.AUDIT).flatMap(d -> AuditSpec.parse(d, new ArrayList<>()));
    }

    /** True for INSERT, UPDATE, DELETE and MERGE (also behind WITH): their returned rows are rows changed. */
    public static boolean changesData(Statement statement) {
        return Shape.of(statement).data();
    }

    /** Every problem with the script's audit directives, each with file and line; empty when it has none. */
    public static List<Problem> check(Script script) {
        List<Problem> problems = new ArrayList<>();
        Map<AuditStep, Directive> seen = new EnumMap<>(AuditStep.class);
        for (Statement statement : script.statements()) {
            Optional<Directive> directive = statement.directive(DirectiveKind.AUDIT);
            if (directive.isEmpty()) {
                continue;
            }
            Optional<AuditSpec> parsed = AuditSpec.parse(directive.get(), problems);
            if (parsed.isEmpty()) {
                continue;
            }
            AuditSpec spec = parsed.get();
            Directive first = seen.putIfAbsent(spec.step(), directive.get());
            if (first != null) {
                problems.add(new Problem(directive.get().sourceName(), directive.get().line(), "a second bascule:audit "
                        + spec.step().word() + " in this file (the first is at line " + first.line() + "): each step"
                        + " writes one file, " + spec.step().fileName() + "; audit one change per migration, or move"
                        + " the second change to a migration of its own"));
            }
            shapeProblem(statement, spec.step()).ifPresent(message -> problems.add(new Problem(statement.sourceName(),
                    statement.line(), message)));
        }
        return problems;
    }

    /** Why the statement cannot carry this audit step, if it cannot. */
    static Optional<String> shapeProblem(Statement statement, AuditStep step) {
        Shape shape = Shape.of(statement);
        if (step == AuditStep.CHANGE) {
            if (!shape.data()) {
                return Optional.of("bascule:audit change needs a data statement with RETURNING (INSERT, UPDATE, DELETE"
                        + " or MERGE); this one starts with " + shape.leading() + ": audit a query with pre or post"
                        + " instead");
            }
            if (!shape.returning()) {
                return Optional.of("bascule:audit change on a statement without RETURNING: add RETURNING with the"
                        + " key and the changed columns (e.g. RETURNING id, status), so the rows it changes go to"
                        + " change.csv");
            }
            return Optional.empty();
        }
        if (!shape.query()) {
            return Optional.of("bascule:audit " + step.word() + " needs a SELECT (it records rows "
                    + (step == AuditStep.PRE ? "before" : "after") + " the change, changing nothing); this statement"
                    + " starts with " + shape.leading() + ": audit a data statement with 'change' and RETURNING");
        }
        if (shape.selectInto()) {
            return Optional.of("bascule:audit " + step.word() + " on SELECT ... INTO, which creates a table; remove"
                    + " INTO so the rows go to " + step.fileName());
        }
        return Optional.empty();
    }

    /** What a statement is, from its top-level (unparenthesised) words. */
    private record Shape(String leading, boolean query, boolean data, boolean returning, boolean selectInto) {

        static Shape of(Statement statement) {
            List<String> topLevel = new ArrayList<>();
            List<Boolean> afterParen = new ArrayList<>();
            int depth = 0;
            boolean closedAtTop = false;
            List<Token> tokens;
            try {
                tokens = Lexer.tokenize(statement.sourceName(), statement.sql());
            } catch (ScriptSyntaxError e) {
                tokens = List.of();
            }
            for (Token t : tokens) {
                if (t.isTrivia()) {
                    continue;
                }
                TokenType type = t.type();
                if (type == TokenType.LEFT_PAREN || type == TokenType.LEFT_BRACKET) {
                    depth++;
                } else if (type == TokenType.RIGHT_PAREN || type == TokenType.RIGHT_BRACKET) {
                    depth = Math.max(0, depth - 1);
                    closedAtTop |= depth == 0;
                } else if (depth == 0 && type == TokenType.WORD) {
                    topLevel.add(t.text().toLowerCase(Locale.ROOT));
                    afterParen.add(closedAtTop);
                }
            }
            String first = topLevel.isEmpty() ? "" : topLevel.get(0);
            String main = first;
            if (first.equals("with")) {
                // The statement WITH leads to: the first query or data word after a CTE body has closed.
                main = "";
                for (int i = 1; i < topLevel.size(); i++) {
                    String w = topLevel.get(i);
                    if (afterParen.get(i) && (QUERY_WORDS.contains(w) || DATA_WORDS.contains(w))) {
                        main = w;
                        break;
                    }
                }
            }
            boolean query = QUERY_WORDS.contains(main);
            boolean data = DATA_WORDS.contains(main);
            return new Shape(first.isEmpty() ? "nothing readable" : first.toUpperCase(Locale.ROOT), query, data,
                    data && topLevel.contains("returning"), main.equals("select") && topLevel.contains("into"));
        }
    }
}
