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

    @Test
    void statementDirectivesAttachToTheNextStatement() {
        Script script = ScriptParser.parse("d.sql", "-- bascule:data\n-- bascule:phase rename_name 1\n"
                + "SELECT 1;\n-- bascule:batch size=500 key=id\n-- bascule:audit change\n"
                + "UPDATE t SET a = 1 WHERE a IS NULL RETURNING id;\nSELECT 2;\n");
        assertThat(script.directives().entries()).extracting(Directive::kind)
                .containsExactly(DirectiveKind.DATA, DirectiveKind.PHASE);
        assertThat(script.directives().find(DirectiveKind.PHASE).orElseThrow().argument()).isEqualTo("rename_name 1");
        assertThat(script.statements().get(0).directives()).isEmpty();
        Statement update = script.statements().get(1);
        assertThat(update.directive(DirectiveKind.BATCH).orElseThrow().argument()).isEqualTo("size=500 key=id");
        assertThat(update.directive(DirectiveKind.BATCH).orElseThrow().line()).isEqualTo(4);
        assertThat(update.directive(DirectiveKind.AUDIT).orElseThrow().argument()).isEqualTo("change");
        assertThat(script.statements().get(2).directives()).isEmpty();
    }

    @Test
    void aStatementDirectiveInTheHeaderAppliesToTheFirstStatement() {
        Script script = ScriptParser.parse("d.sql", "-- bascule:batch size=10\nDELETE FROM t WHERE old;\n");
        assertThat(script.statements().get(0).directive(DirectiveKind.BATCH)).isPresent();
        assertThat(script.directives().entries()).isEmpty();
    }

    @Test
    void misplacedStatementDirectivesAreErrors() {
        assertThatThrownBy(() -> ScriptParser.parse("d.sql", "SELECT 1;\n-- bascule:batch size=10\n"))
                .isInstanceOfSatisfying(ScriptSyntaxError.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.detail()).contains("end of the file");
                });
        assertThatThrownBy(() -> ScriptParser.parse("d.sql", "UPDATE t\n-- bascule:batch size=10\nSET a = 1;\n"))
                .isInstanceOfSatisfying(ScriptSyntaxError.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.detail()).contains("inside a statement");
                });
        assertThatThrownBy(() -> ScriptParser.parse("d.sql", "-- bascule:batch size=1\n-- bascule:batch size=2\nSELECT 1;"))
                .isInstanceOfSatisfying(ScriptSyntaxError.class, e -> assertThat(e.detail()).contains("twice"));
        assertThatThrownBy(() -> ScriptParser.parse("d.sql", "-- bascule:audit\nSELECT 1;"))
                .isInstanceOfSatisfying(ScriptSyntaxError.class, e -> assertThat(e.detail()).contains("needs an argument"));
        assertThatThrownBy(() -> ScriptParser.parse("d.sql", "SELECT 1;\n-- bascule:data\nSELECT 2;"))
                .isInstanceOfSatisfying(ScriptSyntaxError.class, e -> assertThat(e.detail()).contains("leading comment block"));
    }
}
