package dev.bascule.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated scripts: statements built from every tricky construct, glued with random white space, comments and
 * stray semicolons. The split must give back exactly the generated statements, at their positions, and cover
 * the input with nothing but trivia between them. Random character soup must never raise anything but
 * {@link ScriptSyntaxError}.
 */
class SplitPropertiesTest {

    /** A generated script and the statement texts (with their ";") it was built from. */
    record Generated(String text, List<String> statements) {
    }

    @Property(tries = 1500)
    void statementsCoverTheInputExactly(@ForAll("scripts") Generated generated) {
        List<Statement> statements = ScriptParser.parse("gen.sql", generated.text()).statements();
        assertThat(statements).extracting(Statement::sql).containsExactlyElementsOf(generated.statements());
        assertThat(Coverage.check(generated.text(), statements)).isNull();
        String joined = Lexer.tokenize("gen.sql", generated.text()).stream().map(Token::text)
                .collect(Collectors.joining());
        assertThat(joined).isEqualTo(generated.text());
    }

    @Property(tries = 3000)
    void randomTextRaisesOnlyScriptSyntaxError(@ForAll("soup") String text) {
        try {
            List<Token> tokens = Lexer.tokenize("soup.sql", text);
            assertThat(tokens.stream().map(Token::text).collect(Collectors.joining())).isEqualTo(text);
        } catch (ScriptSyntaxError expected) {
            assertThat(expected.line()).isPositive();
        }
        try {
            Script script = ScriptParser.parse("soup.sql", text);
            assertThat(Coverage.check(text, script.statements())).isNull();
        } catch (ScriptSyntaxError expected) {
            assertThat(expected.column()).isPositive();
        }
    }

    @Provide
    Arbitrary<String> soup() {
        Arbitrary<Character> tricky = Arbitraries.of('\'', '"', '$', ';', '-', '/', '*', '\\', '\n', '\r', 'E', 'e',
                'U', '&', '(', ')', 'a', 'Z', '0', ':', '.', ' ', '\t', '.', 'b', 'c', 'o', 'p', 'y', 'C', 'O', 'P', 'Y');
        Arbitrary<String> words = Arbitraries.of("COPY t FROM stdin;\n", "\\.\n", "BEGIN ", "END", "CREATE ",
                "FUNCTION ", "ATOMIC ", "$$", "$a$", "E'", "U&'", "/*", "*/", "--", "\\i x\n", "-- bascule:",
                "é", "\uD83D\uDE00");
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(5, tricky.map(String::valueOf)),
                        net.jqwik.api.Tuple.of(1, words))
                .list().ofMaxSize(60).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<Generated> scripts() {
        Arbitrary<List<String>> statements = statement().list().ofMinSize(0).ofMaxSize(8);
        Arbitrary<List<String>> gaps = gap().list().ofSize(9);
        Arbitrary<Boolean> lastTerminated = Arbitraries.of(true, false);
        return Combinators.combine(statements, gaps, lastTerminated).as((body, separators, terminated) -> {
            StringBuilder text = new StringBuilder(separators.get(0));
            List<String> expected = new java.util.ArrayList<>();
            for (int i = 0; i < body.size(); i++) {
                String statement = body.get(i);
                boolean isCopy = statement.regionMatches(true, 0, "copy", 0, 4);
                boolean last = i == body.size() - 1;
                String sql = isCopy || !last || terminated ? statement + ";" : statement;
                expected.add(isCopy ? statement.substring(0, statement.indexOf('\n')) + ";" : sql);
                text.append(isCopy ? statement.replaceFirst("\\n", ";\n") : sql);
                // after an unterminated last statement only white space may follow (a comment would be part of it)
                text.append(sql.endsWith(";") ? separators.get(i + 1) : "\n");
            }
            return new Generated(text.toString(), expected);
        });
    }

    private Arbitrary<String> gap() {
        return Arbitraries.of(" ", "\n", "\t", "\r\n", "-- note; 'x' $$\n", "/* a; /* nested ' */ */", ";", "\n\n",
                "-- bascule:ignore rule reason\n").list().ofMaxSize(4).map(parts -> String.join("", parts));
    }

    private Arbitrary<String> statement() {
        Arbitrary<String> content = Arbitraries.of("a", ";", "--", "/*", "*/", "$", "\"", "\n", "b", " ", "''", "\\",
                "$$", "E'").list().ofMaxSize(8).map(parts -> String.join("", parts));
        Arbitrary<String> single = content.map(c -> "SELECT '" + c.replace("'", "''") + "'");
        Arbitrary<String> escaped = content.map(c -> "select e'" + c.replace("\\", "\\\\").replace("'", "\\'") + "'");
        Arbitrary<String> identifier = content.map(c -> "SELECT 1 AS \"" + c.replace("\"", "\"\"") + "\"");
        Arbitrary<String> tag = Arbitraries.of("", "body", "x1", "_f");
        Arbitrary<String> dollar = Combinators.combine(tag, content).as((t, c) -> {
            String delimiter = "$" + t + "$";
            String body = c.replace(delimiter, "");
            while (body.endsWith("$") || body.contains(delimiter)) {
                body = body.substring(0, body.length() - 1);
            }
            return "DO " + delimiter + " BEGIN " + body + " END " + delimiter;
        });
        Arbitrary<String> fixed = Arbitraries.of(
                "INSERT INTO t VALUES ('a--b') ON CONFLICT DO NOTHING",
                "create or replace function f() returns int language sql\nbegin atomic\n  select 1;\n  select case"
                        + " when true then 2 end;\nend",
                "CREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END",
                "SELECT (1; 2)",
                "SELECT a::text, $1, arr[1:2] FROM t /* inline */ WHERE b <> 'x'",
                "UPDATE t SET a = U&'\\0041' -- trailing comment\n  WHERE c = B'01'",
                "COPY t (a, b) FROM stdin\n1\t'x;\n\"q\n\\.\n",
                "copy t from stdin with csv\n\\.\n",
                "SELECT 'a'\n  'continued'");
        return Arbitraries.oneOf(single, escaped, identifier, dollar, fixed);
    }
}
