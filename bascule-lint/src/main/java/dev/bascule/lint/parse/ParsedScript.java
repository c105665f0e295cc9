package dev.bascule.lint.parse;

import dev.bascule.sql.Directives;
import dev.bascule.sql.IncludeResolver;
import dev.bascule.sql.Lexer;
import dev.bascule.sql.Script;
import dev.bascule.sql.ScriptParser;
import dev.bascule.sql.ScriptSyntaxError;
import dev.bascule.sql.Statement;
import dev.bascule.sql.StatementKind;
import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A migration file as the linter sees it: the statements the runner will send (cut, classified and given their
 * directives by the script engine's {@link ScriptParser}, so linter and runner can never disagree on where a
 * statement ends, which directives it carries or whether it may run in a transaction), each with its non-trivia
 * tokens and the comment lines above it (where {@code -- bascule:ignore} lives), parsed into {@link Ddl}; and the
 * bodies of its DO blocks and functions, read by {@link BodyReader}. Statements of files it includes
 * ({@code \i}, {@code \ir}) keep their own file name, line and column.
 *
 * @param statements the top-level statements in order
 * @param bodies     the readable bodies of DO blocks and plpgsql/sql routines, in order
 * @param directives the header directives ({@code -- bascule:no-transaction}, {@code -- bascule:data}, ...)
 * @param error      why the script engine refuses the file (then {@code statements} is one not-analysed
 *                   statement at the place it names), or {@code null}
 */
public record ParsedScript(String file, List<SqlStatement> statements, List<Body> bodies, Directives directives,
                           ScriptSyntaxError error) {

    public ParsedScript {
        statements = List.copyOf(statements);
        bodies = List.copyOf(bodies);
    }

    /**
     * Reads a file's text with nothing to read included files from: the file's own statements are read, and each
     * {@code \i}/{@code \ir} becomes a not-analysed statement (the included file is not looked at). Never throws.
     */
    public static ParsedScript parse(String file, String text) {
        return parse(file, text, null);
    }

    /**
     * Reads a file's text, following includes through {@code resolver} as the runner does ({@code null}: see
     * {@link #parse(String, String)}). Never throws: a file the engine refuses becomes one not-analysed statement.
     */
    public static ParsedScript parse(String file, String text, IncludeResolver resolver) {
        Map<String, Source> sources = new HashMap<>();
        List<Token> skippedIncludes = new ArrayList<>();
        Script script;
        try {
            sources.put(file, new Source(text, Lexer.tokenize(file, text)));
            script = ScriptParser.parse(file, text, resolver == null ? new Skipping() : new Recording(resolver, sources));
            if (resolver == null) {
                // The engine accepts no meta-command but \i and \ir: every one left in a parsed file is an include.
                sources.get(file).tokens.stream().filter(t -> t.type() == TokenType.META_COMMAND)
                        .forEach(skippedIncludes::add);
            }
        } catch (ScriptSyntaxError e) {
            return refused(file, e);
        }
        List<SqlStatement> result = new ArrayList<>(script.statements().size() + skippedIncludes.size());
        List<Body> bodies = new ArrayList<>();
        for (Statement statement : script.statements()) {
            Source source = sources.get(statement.sourceName());
            while (!skippedIncludes.isEmpty() && statement.sourceName().equals(file)
                    && skippedIncludes.get(0).line() < statement.line()) {
                result.add(skipped(file, skippedIncludes.remove(0)));
            }
            SqlStatement read = source == null ? null : source.next(statement);
            if (read == null) {
                continue; // cannot happen for a script both lexed and parsed without error; never guess a position
            }
            result.add(read);
            Optional<Routine> routine = Routine.of(read.tokens());
            if (routine.isPresent() && routine.get().analysable()) {
                bodies.add(BodyReader.read(statement.sourceName(), source.text, result.size() - 1, routine.get()));
            }
        }
        skippedIncludes.forEach(t -> result.add(skipped(file, t)));
        return new ParsedScript(file, result, bodies, script.directives(), null);
    }

    /** A file the script engine refuses (bad UTF-8, unterminated quote, unknown directive): one not-analysed statement. */
    public static ParsedScript refused(String file, ScriptSyntaxError e) {
        Token at = new Token(TokenType.OTHER, "", 0, 0, e.line(), e.column());
        // The place the engine names may be in an included file: the finding points there.
        Statement source = new Statement("", e.sourceName(), e.line(), e.column(), StatementKind.ORDINARY, null);
        SqlStatement only = new SqlStatement(source, List.of(at), List.of(),
                new Ddl.NotAnalysed(at, "the file cannot be split into statements: " + e.detail()), false);
        return new ParsedScript(file, List.of(only), List.of(), Directives.none(), e);
    }

    private static SqlStatement skipped(String file, Token meta) {
        Statement source = new Statement(meta.text(), file, meta.line(), meta.column(), StatementKind.ORDINARY, null);
        return new SqlStatement(source, List.of(meta), List.of(), new Ddl.NotAnalysed(meta, "the included file is"
                + " not analysed here; lint the migration as a file (bascule lint FILE) to follow its includes"), false);
    }

    /** One file's text and tokens, with the place reached by the statements read so far. */
    private static final class Source {
        final String text;
        final List<Token> tokens;
        int next;
        int previousEndLine;

        Source(String text, List<Token> tokens) {
            this.text = text;
            this.tokens = tokens;
        }

        /**
         * The statement, its tokens and the comment lines above it. Statements and tokens come in text order:
         * walk to the token where the engine says the statement starts.
         */
        SqlStatement next(Statement statement) {
            int first = next;
            List<Token> comments = new ArrayList<>();
            for (; first < tokens.size(); first++) {
                Token t = tokens.get(first);
                if (!t.isTrivia() && t.line() == statement.line() && t.column() == statement.column()) {
                    break;
                }
                if ((t.type() == TokenType.LINE_COMMENT || t.type() == TokenType.BLOCK_COMMENT)
                        && t.line() > previousEndLine) {
                    comments.add(t);
                }
            }
            if (first == tokens.size()) {
                return null;
            }
            int end = tokens.get(first).start() + statement.sql().length();
            List<Token> significant = new ArrayList<>();
            for (next = first; next < tokens.size() && tokens.get(next).start() < end; next++) {
                if (!tokens.get(next).isTrivia()) {
                    significant.add(tokens.get(next));
                }
            }
            previousEndLine = significant.get(significant.size() - 1).line();
            return new SqlStatement(statement, significant, comments, DdlParser.parse(significant, statement.sql()),
                    false);
        }
    }

    /** Follows includes as the runner does, keeping each included file's text for its statements' tokens. */
    private record Recording(IncludeResolver delegate, Map<String, Source> sources) implements IncludeResolver {

        @Override
        public IncludedScript resolve(String includingSource, String path, boolean relativeToIncludingFile)
                throws IOException {
            IncludedScript included = delegate.resolve(includingSource, path, relativeToIncludingFile);
            sources.computeIfAbsent(included.sourceName(),
                    name -> new Source(included.text(), Lexer.tokenize(name, included.text())));
            return included;
        }

        @Override
        public String identity(String sourceName) {
            return delegate.identity(sourceName);
        }
    }

    /** Nothing to read includes from: each included file reads as empty (and is reported as not analysed). */
    private static final class Skipping implements IncludeResolver {
        @Override
        public IncludedScript resolve(String includingSource, String path, boolean relativeToIncludingFile) {
            return new IncludedScript(path, "");
        }
    }
}
