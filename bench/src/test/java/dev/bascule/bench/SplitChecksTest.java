package dev.bascule.bench;

import dev.bascule.sql.Lexer;
import dev.bascule.sql.ScriptParser;
import dev.bascule.sql.ScriptSyntaxError;
import dev.bascule.sql.Statement;
import dev.bascule.sql.StatementKind;
import dev.bascule.sql.Token;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The fuzz job's checks accept the lexer's real output and catch each kind of wrong output. */
class SplitChecksTest {

    private static final String SCRIPT = "-- header\nCREATE TABLE t (a text);\n;\nCOPY t (a) FROM stdin; -- data\nx\n\\.\n"
            + "SELECT $$a;b$$, E'\\'';\nSELECT 1";

    @Test
    void theLexersOwnOutputPasses() {
        List<Token> tokens = Lexer.tokenize("s.sql", SCRIPT);
        assertThat(SplitChecks.tokensCover(SCRIPT, tokens)).isNull();
        List<Statement> statements = ScriptParser.parse("s.sql", SCRIPT).statements();
        assertThat(statements).hasSize(4);
        assertThat(SplitChecks.statementsCover(SCRIPT, tokens, statements)).isNull();
    }

    @Test
    void aMissingOrShiftedTokenIsCaught() {
        List<Token> tokens = new ArrayList<>(Lexer.tokenize("s.sql", SCRIPT));
        List<Token> gap = new ArrayList<>(tokens);
        gap.remove(3);
        assertThat(SplitChecks.tokensCover(SCRIPT, gap)).contains("gap");
        List<Token> truncated = tokens.subList(0, tokens.size() - 1);
        assertThat(SplitChecks.tokensCover(SCRIPT, truncated)).startsWith("tokens end at");
        Token second = tokens.get(1);
        tokens.set(1, new Token(second.type(), second.text(), second.start(), second.end(), second.line(), 7));
        assertThat(SplitChecks.tokensCover(SCRIPT, tokens)).contains("expected 1:10");
    }

    @Test
    void aDroppedOrMisplacedStatementIsCaught() {
        List<Token> tokens = Lexer.tokenize("s.sql", SCRIPT);
        List<Statement> statements = new ArrayList<>(ScriptParser.parse("s.sql", SCRIPT).statements());
        List<Statement> dropped = new ArrayList<>(statements);
        dropped.remove(2);
        assertThat(SplitChecks.statementsCover(SCRIPT, tokens, dropped)).contains("is in no statement");
        Statement first = statements.get(0);
        statements.set(0, new Statement(first.sql(), first.sourceName(), first.line(), first.column() + 1,
                first.kind(), null));
        assertThat(SplitChecks.statementsCover(SCRIPT, tokens, statements)).contains("is not the source text");
        List<Statement> noData = new ArrayList<>(ScriptParser.parse("s.sql", SCRIPT).statements());
        Statement copy = noData.get(1);
        noData.set(1, new Statement(copy.sql(), copy.sourceName(), copy.line(), copy.column(), StatementKind.ORDINARY, null));
        assertThat(SplitChecks.statementsCover(SCRIPT, tokens, noData)).contains("COPY data");
    }

    @Test
    void eachStatementMustSplitAloneIntoItself() {
        List<Statement> statements = ScriptParser.parse("s.sql", SCRIPT).statements();
        assertThat(SplitChecks.statementsStandAlone(SCRIPT, statements)).isNull();
        assertThat(SplitChecks.statementsStandAlone("x", List.of(new Statement("SELECT 1; SELECT 2;", "s.sql", 1, 1,
                StatementKind.ORDINARY, null)))).contains("splits into 2");
        assertThat(SplitChecks.statementsStandAlone("x", List.of(new Statement("CREATE INDEX CONCURRENTLY i ON t (a);",
                "s.sql", 1, 1, StatementKind.ORDINARY, null)))).contains("of kind NO_TRANSACTION");
        assertThat(SplitChecks.statementsStandAlone("x", List.of(new Statement("SELECT 'a", "s.sql", 1, 1,
                StatementKind.ORDINARY, null)))).contains("alone is a syntax error");
    }

    @Test
    void aSyntaxErrorMustPointIntoTheInput() {
        String text = "SELECT 1;\nSELECT 'open";
        ScriptSyntaxError error = catchThrowableOfType(ScriptSyntaxError.class, () -> Lexer.tokenize("e.sql", text));
        assertThat(SplitChecks.errorLocates("e.sql", text, error)).isNull();
        assertThat(SplitChecks.errorLocates("e.sql", text, new ScriptSyntaxError("e.sql", 3, 1, "x"))).contains("line 3");
        assertThat(SplitChecks.errorLocates("e.sql", text, new ScriptSyntaxError("e.sql", 1, 11, "x")))
                .contains("past the end");
        assertThat(SplitChecks.errorLocates("e.sql", text, new ScriptSyntaxError("other.sql", 1, 1, "x")))
                .contains("names other.sql");
    }

    @Test
    void inputsDependOnlyOnSeedAndIndexAndCoverEveryKind() {
        List<FuzzInputs.CorpusFile> corpus = List.of(FuzzInputs.corpusFile("a.sql", SCRIPT),
                FuzzInputs.corpusFile("b.sql", "INSERT INTO t VALUES ('x');\n".repeat(400)));
        FuzzInputs inputs = new FuzzInputs(7, corpus);
        assertThat(new FuzzInputs(7, corpus).input(123)).isEqualTo(inputs.input(123));
        assertThat(new FuzzInputs(8, corpus).input(123).text()).isNotEqualTo(inputs.input(123).text());
        List<FuzzInputs.Kind> kinds = new ArrayList<>();
        for (long i = 0; i < 2000; i++) {
            FuzzInputs.Input input = inputs.input(i);
            kinds.add(input.kind());
            assertThat(input.text().length()).isLessThan(5 * 4096);
        }
        assertThat(kinds).contains(FuzzInputs.Kind.values());
    }

    @Test
    void aJavaLiteralKeepsLoneSurrogatesAndControlCharacters() {
        assertThat(LexerFuzz.javaLiteral("a'\"\\\n\uD800\0")).isEqualTo("\"a'\\\"\\\\\\n\\uD800\\u0000\"");
    }
}
