package dev.bascule.sql;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** One parse run: walks the scanner's tokens, cuts statements and follows includes. Single use. */
final class ScriptSplitter {

    /** Deeper nesting than this is almost surely a cycle through differently spelled names. */
    private static final int MAX_INCLUDE_DEPTH = 32;

    private final IncludeResolver resolver;
    private final List<Statement> statements = new ArrayList<>();
    private final List<Directive> directives = new ArrayList<>();
    private final List<String> includeChain = new ArrayList<>();

    ScriptSplitter(IncludeResolver resolver) {
        this.resolver = resolver;
    }

    List<Statement> statements() {
        return statements;
    }

    List<Directive> directives() {
        return directives;
    }

    void split(String sourceName, String text) {
        includeChain.add(resolver == null ? sourceName : resolver.identity(sourceName));
        PsqlScanner scanner = new PsqlScanner(sourceName, text);
        boolean inHeader = true;
        List<Directive> nextStatement = new ArrayList<>();
        int statementStart = -1;
        int lastSignificantEnd = -1;
        Statement pendingCopy = null;
        while (scanner.next()) {
            switch (scanner.type()) {
                case WHITESPACE, BLOCK_COMMENT -> {
                }
                case LINE_COMMENT -> DirectiveReader.read(sourceName, text, scanner, inHeader, statementStart >= 0,
                        directives, nextStatement);
                case META_COMMAND -> {
                    if (statementStart >= 0) {
                        throw new ScriptSyntaxError(sourceName, scanner.line(), scanner.column(), "psql meta-command"
                                + " inside an unfinished statement; end the statement with ; before the meta-command");
                    }
                    danglingDirective(nextStatement, "a psql meta-command");
                    inHeader = false;
                    include(sourceName, text.substring(scanner.start(), scanner.end()), scanner);
                }
                case COPY_DATA -> {
                    statements.add(new Statement(pendingCopy.sql(), sourceName, pendingCopy.line(),
                            pendingCopy.column(), StatementKind.COPY_FROM_STDIN,
                            text.substring(scanner.start(), scanner.copyDataEnd()), pendingCopy.directives()));
                    pendingCopy = null;
                }
                default -> {
                    inHeader = false;
                    if (statementStart < 0) {
                        if (scanner.endsStatement()) {
                            continue; // an empty statement: psql sends nothing the server would run
                        }
                        statementStart = scanner.start();
                    }
                    lastSignificantEnd = scanner.end();
                    if (scanner.endsStatement()) {
                        Statement statement = statement(sourceName, text.substring(statementStart, scanner.end()),
                                scanner, nextStatement);
                        nextStatement.clear();
                        if (statement.kind() == StatementKind.COPY_FROM_STDIN) {
                            pendingCopy = statement;
                        } else {
                            statements.add(statement);
                        }
                        statementStart = -1;
                    }
                }
            }
        }
        if (statementStart >= 0) {
            Statement last = statement(sourceName, text.substring(statementStart, lastSignificantEnd), scanner,
                    nextStatement);
            nextStatement.clear();
            if (last.kind() == StatementKind.COPY_FROM_STDIN) {
                pendingCopy = last;
            } else {
                statements.add(last);
            }
        }
        danglingDirective(nextStatement, "the end of the file");
        if (pendingCopy != null) {
            throw new ScriptSyntaxError(sourceName, pendingCopy.line(), pendingCopy.column(), "COPY ... FROM STDIN"
                    + " has no data: end the statement with ; and put the data on the following lines, ending with"
                    + " a line containing only \\.");
        }
        includeChain.remove(includeChain.size() - 1);
    }

    private static Statement statement(String sourceName, String sql, PsqlScanner scanner, List<Directive> directives) {
        StatementKind kind = StatementClassifier.classify(scanner.words(), scanner.significantTokens());
        return new Statement(sql, sourceName, scanner.statementLine(), scanner.statementColumn(), kind, null, directives);
    }

    /** A statement directive must be followed by the statement it applies to. */
    private static void danglingDirective(List<Directive> nextStatement, String what) {
        if (!nextStatement.isEmpty()) {
            Directive d = nextStatement.get(0);
            throw new ScriptSyntaxError(d.sourceName(), d.line(), 1, "directive bascule:" + d.kind().directiveName()
                    + " is followed by " + what + ", not by the statement it applies to; put it just before that"
                    + " statement");
        }
    }

    private void include(String sourceName, String metaCommand, PsqlScanner scanner) {
        MetaCommand command = MetaCommand.parse(sourceName, metaCommand, scanner.line(), scanner.column());
        if (resolver == null) {
            throw command.error("includes need a resolver: parse this script with ScriptParser.parse(name, text,"
                    + " IncludeResolver) or run it from a file");
        }
        IncludeResolver.IncludedScript included;
        try {
            included = resolver.resolve(sourceName, command.path(), command.relativeToIncludingFile());
        } catch (IOException e) {
            throw command.error("cannot read included file '" + command.path() + "' (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "); check the path"
                    + (command.relativeToIncludingFile() ? " (\\ir is relative to this file's directory)"
                    : " (\\i is relative to the working directory; \\ir to this file)"));
        }
        String identity = resolver.identity(included.sourceName());
        if (includeChain.contains(identity)) {
            throw command.error("include cycle: " + String.join(" -> ", includeChain) + " -> " + identity
                    + "; remove one of these includes");
        }
        if (includeChain.size() >= MAX_INCLUDE_DEPTH) {
            throw command.error("includes nested deeper than " + MAX_INCLUDE_DEPTH + " files (" + identity
                    + "); look for a cycle through differently written paths");
        }
        split(included.sourceName(), included.text());
    }
}
