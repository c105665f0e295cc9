package dev.bascule.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LexerTest {

    private static List<Token> significant(String text) {
        return Lexer.tokenize("t.sql", text).stream().filter(t -> !t.isTrivia()).toList();
    }

    private static String joined(List<Token> tokens) {
        return tokens.stream().map(Token::text).collect(Collectors.joining());
    }

    private static List<TokenType> types(String text) {
        return significant(text).stream().map(Token::type).toList();
    }

    @Test
    void tokensConcatenateToTheInput() {
        String text = "SELECT E'a\\'b', $x$ q $x$, \"Id\" -- c\n/* /* n */ */ 1.5e3::int;\n";
        List<Token> tokens = Lexer.tokenize("t.sql", text);
        assertThat(joined(tokens)).isEqualTo(text);
        for (int i = 1; i < tokens.size(); i++) {
            assertThat(tokens.get(i).start()).isEqualTo(tokens.get(i - 1).end());
        }
    }

    @Test
    void singleQuotedStringsDoubleTheirQuotesAndHideDashes() {
        List<Token> tokens = significant("SELECT 'a--b', 'it''s';");
        assertThat(tokens).extracting(Token::text).containsExactly("SELECT", "'a--b'", ",", "'it''s'", ";");
        assertThat(tokens.get(1).type()).isEqualTo(TokenType.STRING);
    }

    @Test
    void backslashEscapesOnlyInEStrings() {
        assertThat(significant("SELECT E'x\\'y';")).extracting(Token::text).containsExactly("SELECT", "E'x\\'y'", ";");
        // standard_conforming_strings: a backslash is an ordinary character, the second quote ends the string
        assertThat(significant("SELECT 'x\\';")).extracting(Token::text).containsExactly("SELECT", "'x\\'", ";");
        assertThat(significant("select e'\\\\';")).extracting(Token::text).containsExactly("select", "e'\\\\'", ";");
    }

    @Test
    void unicodeAndBitStringsAndIdentifiers() {
        assertThat(significant("SELECT U&'d\\0061t' , U&\"d!0061t\" UESCAPE '!', B'01', X'1F', N'n';"))
                .extracting(Token::type).containsExactly(TokenType.WORD, TokenType.STRING, TokenType.COMMA,
                        TokenType.QUOTED_IDENTIFIER, TokenType.WORD, TokenType.STRING, TokenType.COMMA,
                        TokenType.STRING, TokenType.COMMA, TokenType.STRING, TokenType.COMMA, TokenType.STRING,
                        TokenType.SEMICOLON);
        assertThat(significant("SELECT \"a\"\"b;\" FROM t")).extracting(Token::text)
                .containsExactly("SELECT", "\"a\"\"b;\"", "FROM", "t");
    }

    @Test
    void aStringContinuedOnTheNextLineIsLexedAsANewStandardString() {
        // The server would read E'a' NEWLINE '\'' as one E string; psql 15 (which decides where statements
        // end) lexes the second part as a standard string that ends at the second quote. Checked with psql.
        assertThat(significant("SELECT E'a'\n'\\';")).extracting(Token::text)
                .containsExactly("SELECT", "E'a'", "'\\'", ";");
        assertThat(significant("SELECT 'a' 'b';")).extracting(Token::text)
                .containsExactly("SELECT", "'a'", "'b'", ";");
    }

    @Test
    void dollarQuotesWithTagsAndNesting() {
        String body = "$fn$ BEGIN RETURN $q$ it's; $$ $q$; END $fn$";
        assertThat(significant("SELECT " + body + ";")).extracting(Token::text).containsExactly("SELECT", body, ";");
        assertThat(types("SELECT $1, a$b$c, $$x$$")).containsExactly(TokenType.WORD, TokenType.PARAMETER,
                TokenType.COMMA, TokenType.WORD, TokenType.COMMA, TokenType.DOLLAR_STRING);
        assertThat(significant("SELECT $body$a$$b$body$")).extracting(Token::text)
                .containsExactly("SELECT", "$body$a$$b$body$");
    }

    @Test
    void commentsNestAndOperatorsStopBeforeCommentStarts() {
        assertThat(Lexer.tokenize("t.sql", "/* a /* b */ c */x")).extracting(Token::type)
                .containsExactly(TokenType.BLOCK_COMMENT, TokenType.WORD);
        assertThat(Lexer.tokenize("t.sql", "a+--c\nb")).extracting(Token::text)
                .containsExactly("a", "+", "--c", "\n", "b");
        assertThat(Lexer.tokenize("t.sql", "a*/*c*/b")).extracting(Token::text)
                .containsExactly("a", "*", "/*c*/", "b");
    }

    @Test
    void castsColonsAndPsqlVariables() {
        assertThat(significant("SELECT a::text, :v, :'v', :\"v\", arr[1:2]")).extracting(Token::text)
                .containsExactly("SELECT", "a", "::", "text", ",", ":v", ",", ":'v'", ",", ":\"v\"", ",", "arr", "[",
                        "1", ":2", "]");
    }

    @Test
    void linesAndColumnsPointAtTheFirstCharacter() {
        List<Token> tokens = significant("SELECT\n  'a\nb' ,\n\tx");
        assertThat(tokens).extracting(Token::line).containsExactly(1, 2, 3, 4);
        assertThat(tokens).extracting(Token::column).containsExactly(1, 3, 4, 2);
    }

    @Test
    void copyDataIsOneToken() {
        String text = "COPY t (a) FROM stdin; -- data follows\n1\t'x\n\\.\nSELECT 1;";
        List<Token> tokens = Lexer.tokenize("t.sql", text);
        assertThat(joined(tokens)).isEqualTo(text);
        assertThat(tokens).filteredOn(t -> t.type() == TokenType.COPY_DATA).singleElement()
                .satisfies(t -> {
                    assertThat(t.text()).isEqualTo("1\t'x\n\\.\n");
                    assertThat(t.line()).isEqualTo(2);
                });
        assertThat(tokens.get(tokens.size() - 4).line()).isEqualTo(4);
    }

    @Test
    void aLoneCopyStatementLexesWithoutData() {
        assertThat(types("COPY t FROM STDIN;")).containsExactly(TokenType.WORD, TokenType.WORD, TokenType.WORD,
                TokenType.WORD, TokenType.SEMICOLON);
    }

    @Test
    void aByteOrderMarkAtTheStartIsWhiteSpaceAsInPsql() {
        List<Token> tokens = Lexer.tokenize("t.sql", "\uFEFFSELECT 1;");
        assertThat(tokens.get(0).type()).isEqualTo(TokenType.WHITESPACE);
        assertThat(tokens.get(1).text()).isEqualTo("SELECT");
        assertThat(ScriptParser.parse("t.sql", "\uFEFFVACUUM;").statements().get(0).kind())
                .isEqualTo(StatementKind.NO_TRANSACTION);
        assertThat(significant("SELECT \uFEFF")).extracting(Token::type).containsExactly(TokenType.WORD,
                TokenType.WORD);
    }

    @Test
    void metaCommandRunsToTheEndOfTheLine() {
        assertThat(Lexer.tokenize("t.sql", "\\i other.sql\nSELECT 1")).extracting(Token::type)
                .startsWith(TokenType.META_COMMAND, TokenType.WHITESPACE, TokenType.WORD);
    }

    @Test
    void unterminatedConstructsNameTheOpeningToken() {
        assertError("SELECT 1;\nSELECT 'abc", 2, 8, "unterminated quoted string");
        assertError("SELECT\n  E'abc\\'", 2, 3, "unterminated quoted string");
        assertError("SELECT \"abc", 1, 8, "unterminated quoted identifier");
        assertError("DO $x$ BEGIN END $y$;", 1, 4, "unterminated dollar-quoted string $x$");
        assertError("x /* a /* b */", 1, 3, "unterminated block comment");
        assertError("\nCOPY t FROM stdin;\n1\n", 2, 1, "COPY ... FROM STDIN data is not terminated");
        assertError("COPY t FROM stdin; SELECT 1;\n\\.\n", 1, 20, "text after COPY ... FROM STDIN;");
    }

    private static void assertError(String text, int line, int column, String detail) {
        assertThatThrownBy(() -> Lexer.tokenize("f.sql", text)).isInstanceOfSatisfying(ScriptSyntaxError.class, e -> {
            assertThat(e.sourceName()).isEqualTo("f.sql");
            assertThat(e.line()).as("line").isEqualTo(line);
            assertThat(e.column()).as("column").isEqualTo(column);
            assertThat(e.detail()).contains(detail);
            assertThat(e.getMessage()).startsWith("f.sql:" + line + ":" + column + ": ");
        });
    }
}
