package dev.bascule.run.batch;

import dev.bascule.error.Problem;
import dev.bascule.error.BasculeException;
import dev.bascule.sql.Directive;
import dev.bascule.sql.DirectiveKind;
import dev.bascule.sql.Lexer;
import dev.bascule.sql.Script;
import dev.bascule.sql.Statement;
import dev.bascule.sql.StatementKind;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a script holding {@code -- bascule:batch} statements runs: its steps, and the rule saying which scripts can
 * run that way at all. Pure: no database. The runner and {@code validate} call {@link #check(Script)}.
 *
 * <p>Steps: each batched statement is a step of its own (many transactions, one per batch); the statements between
 * batched ones are grouped into plain steps, each one transaction. Every step records itself done in the progress
 * table in its last transaction, so a rerun skips the steps done and resumes the batched statement in flight.
 */
public record BatchedScriptPlan(Script script, List<Step> steps) {

    public BatchedScriptPlan {
        steps = List.copyOf(steps);
    }

    /** One step; {@code statementIndex} (1-based, over the parsed script) keys its progress row. */
    public sealed interface Step permits PlainStep, BatchedStep {
        int statementIndex();
    }

    /** Consecutive statements without a batch directive, run in one transaction. */
    public record PlainStep(int statementIndex, List<Statement> statements) implements Step {
        public PlainStep {
            statements = List.copyOf(statements);
        }
    }

    /** One batched statement. */
    public record BatchedStep(int statementIndex, Statement statement, BatchOptions options) implements Step {
    }

    public static boolean hasBatchedStatements(Script script) {
        for (Statement s : script.statements()) {
            if (s.directive(DirectiveKind.BATCH).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** The steps of a script; {@link BasculeException.ValidationFailed} lists every problem {@link #check} finds. */
    public static BatchedScriptPlan of(Script script) {
        List<Problem> problems = check(script);
        if (!problems.isEmpty()) {
            throw new BasculeException.ValidationFailed(problems);
        }
        List<Step> steps = new ArrayList<>();
        List<Statement> plain = new ArrayList<>();
        int plainStart = 0;
        List<Statement> statements = script.statements();
        for (int i = 0; i < statements.size(); i++) {
            Statement statement = statements.get(i);
            Optional<Directive> batch = statement.directive(DirectiveKind.BATCH);
            if (batch.isPresent()) {
                if (!plain.isEmpty()) {
                    steps.add(new PlainStep(plainStart, plain));
                    plain = new ArrayList<>();
                }
                steps.add(new BatchedStep(i + 1, statement, BatchOptions.parse(batch.get())));
            } else {
                if (plain.isEmpty()) {
                    plainStart = i + 1;
                }
                plain.add(statement);
            }
        }
        if (!plain.isEmpty()) {
            steps.add(new PlainStep(plainStart, plain));
        }
        return new BatchedScriptPlan(script, steps);
    }

    /**
     * Every problem with the script's batched statements, each with file and line: bad directive options,
     * statements that cannot be batched, and statements that cannot share a file with a batched statement because
     * their effect would not reach the batches (which run in transactions of their own) or would be lost when a
     * rerun skips the steps already done. Statements PostgreSQL refuses in a transaction block are reported by the
     * runner's own transaction check, as for any transactional migration. Empty for a script without batches.
     */
    public static List<Problem> check(Script script) {
        List<Problem> problems = new ArrayList<>();
        if (!hasBatchedStatements(script)) {
            return problems;
        }
        script.directives().find(DirectiveKind.NO_TRANSACTION).ifPresent(d -> problems.add(new Problem(
                d.sourceName(), d.line(), "a file with batched statements runs in steps of its own, each batch and"
                + " each group of other statements in one transaction, and resumes where it stopped; it cannot also"
                + " be -- bascule:no-transaction: remove that line and move the statements that need it (CREATE"
                + " INDEX CONCURRENTLY, ...) to a migration of their own")));
        for (Statement statement : script.statements()) {
            Optional<Directive> batch = statement.directive(DirectiveKind.BATCH);
            if (batch.isPresent()) {
                try {
                    BatchOptions.parse(batch.get());
                } catch (BatchStatementError e) {
                    problems.add(e.toProblem());
                }
                try {
                    BatchShape.of(statement);
                } catch (BatchStatementError e) {
                    problems.add(e.toProblem());
                }
            } else {
                refusal(statement).ifPresent(reason -> problems.add(new Problem(statement.sourceName(),
                        statement.line(), reason)));
            }
        }
        return problems;
    }

    /** Why {@code statement} cannot share a file with a batched statement, if it cannot. */
    private static Optional<String> refusal(Statement statement) {
        List<String> w = leadingWords(statement, 4);
        String first = w.isEmpty() ? "" : w.get(0);
        String what = String.join(" ", w).toUpperCase(Locale.ROOT);
        if (statement.kind() == StatementKind.TRANSACTION_CONTROL) {
            return Optional.of(what + ": in a file with batched statements Bascule runs each batch and each group of"
                    + " other statements in a transaction of its own; remove this statement");
        }
        switch (first) {
            case "set", "reset" -> {
                return Optional.of(what + " in a file with batched statements: its effect ends with its own step's"
                        + " transaction (SET LOCAL, SET CONSTRAINTS, SET TRANSACTION) or is lost when a rerun skips"
                        + " the steps already done (SET, RESET), so the batches may run without it; qualify names"
                        + " instead of setting search_path, and give timeouts as lock-timeout= and"
                        + " statement-timeout= of bascule:batch");
            }
            case "lock" -> {
                return Optional.of("LOCK in a file with batched statements: the lock is released when its step"
                        + " commits, before the batches run; remove it (each batch locks the rows it changes)");
            }
            case "declare", "prepare", "discard", "listen", "unlisten", "load" -> {
                return Optional.of(what + " in a file with batched statements: it sets up session state that a"
                        + " rerun (which skips the steps already done) would not have; move it to a migration of"
                        + " its own");
            }
            case "create" -> {
                int i = 1;
                if (w.size() > i && (w.get(i).equals("global") || w.get(i).equals("local"))) {
                    i++;
                }
                if (w.size() > i && (w.get(i).equals("temp") || w.get(i).equals("temporary"))) {
                    return Optional.of(what + " in a file with batched statements: a temporary object lives in one"
                            + " session, and a rerun skips the step that created it; use a regular table and drop"
                            + " it in a later migration");
                }
                return Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** The statement's first unquoted words, lower-cased (tokens from the SQL lexer, never a regex over SQL). */
    private static List<String> leadingWords(Statement statement, int max) {
        List<String> words = new ArrayList<>();
        for (Token t : Lexer.tokenize(statement.sourceName(), statement.sql())) {
            if (t.isTrivia()) {
                continue;
            }
            if (t.type() != TokenType.WORD || words.size() == max) {
                break;
            }
            words.add(t.text().toLowerCase(Locale.ROOT));
        }
        return words;
    }
}
