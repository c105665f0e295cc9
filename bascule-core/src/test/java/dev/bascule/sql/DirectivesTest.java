package dev.bascule.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DirectivesTest {

    @Test
    void noTransactionInTheLeadingCommentBlock() {
        Script script = ScriptParser.parse("d.sql", "/* index build */\n-- bascule:no-transaction\n\n"
                + "CREATE INDEX CONCURRENTLY i ON t (a);\n");
        assertThat(script.directives().noTransaction()).isTrue();
        assertThat(script.directives().entries()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DirectiveKind.NO_TRANSACTION);
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.argument()).isEmpty();
        });
        assertThat(ScriptParser.parse("d.sql", "-- plain comment\nSELECT 1;").directives().noTransaction()).isFalse();
    }

    @Test
    void unknownDirectivesAreErrorsListingTheKnownOnes() {
        assertThatThrownBy(() -> ScriptParser.parse("d.sql", "-- ok\n--bascule:no-transactoin\nSELECT 1;"))
                .isInstanceOfSatisfying(ScriptSyntaxError.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.detail()).contains("unknown directive bascule:no-transactoin")
                            .contains("no-transaction").contains("ignore");
                });
    }

    @Test
    void headerDirectivesAfterTheFirstStatementAreErrors() {
        assertThatThrownBy(() -> ScriptParser.parse("d.sql", "SELECT 1;\n-- bascule:no-transaction\n"))
                .isInstanceOfSatisfying(ScriptSyntaxError.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.detail()).contains("must be in the leading comment block");
                });
        assertThatThrownBy(() -> ScriptParser.parse("d.sql", "-- bascule:no-transaction please\nSELECT 1;"))
                .isInstanceOfSatisfying(ScriptSyntaxError.class, e -> assertThat(e.detail()).contains("no argument"));
    }

    @Test
    void ignoreIsAcceptedAnywhereAndNotExposed() {
        Script script = ScriptParser.parse("d.sql", "-- bascule:ignore add-index-concurrently table is empty\n"
                + "CREATE INDEX i ON t (a);\n-- bascule:ignore lock-timeout reviewed\nSELECT 1;");
        assertThat(script.statements()).hasSize(2);
        assertThat(script.directives().entries()).isEmpty();
        assertThatThrownBy(() -> ScriptParser.parse("d.sql", "SELECT 1;\n-- bascule:ignore\n"))
                .isInstanceOfSatisfying(ScriptSyntaxError.class, e -> assertThat(e.detail()).contains("needs an argument"));
    }

    @Test
    void windowsLineEndingsWork() {
        Script script = ScriptParser.parse("d.sql", "-- bascule:no-transaction\r\n\r\nVACUUM t;\r\nCOPY t FROM stdin;\r\n"
                + "1\r\n\\.\r\nSELECT 1;\r\n");
        assertThat(script.directives().noTransaction()).isTrue();
        assertThat(script.statements()).extracting(Statement::sql).containsExactly("VACUUM t;", "COPY t FROM stdin;",
                "SELECT 1;");
        assertThat(script.statements().get(1).copyData()).isEqualTo("1\r\n");
        assertThat(script.statements()).extracting(Statement::line).containsExactly(3, 4, 7);
    }

    @Test
    void directiveTextInsideStringsOrAfterCodeIsNotADirective() {
        Script script = ScriptParser.parse("d.sql", "SELECT '-- bascule:bogus'; -- see bascule:docs\n");
        assertThat(script.statements()).hasSize(1);
    }
}
