package dev.bascule.fizz;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Every input fizz support cannot handle fails with file, line, column and what to do, never a stack trace. */
class FizzSyntaxErrorTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> failure(String fizz) {
        return assertThatThrownBy(() -> FizzTranslator.translate("db/20190101_x.up.fizz", fizz))
                .isInstanceOf(FizzSyntaxError.class);
    }

    @Test
    void unknownOperationNamesFileLineColumnAndTheSupportedSet() {
        failure("drop_table(\"a\")\n\n  exec(\"echo hello\")")
                .hasMessageStartingWith("db/20190101_x.up.fizz:3:3: unsupported fizz operation exec")
                .hasMessageContaining("create_table, drop_table, rename_table, add_column")
                .hasMessageContaining("rewrite this step as sql(");
    }

    @Test
    void unknownTableMethodInsideCreateTable() {
        failure("create_table(\"a\") {\n  t.Column(\"id\", \"uuid\", {primary: true})\n  t.PrimaryKey(\"id\")\n}")
                .hasMessageStartingWith("db/20190101_x.up.fizz:3:3: unsupported call t.PrimaryKey inside create_table(\"a\")");
    }

    @Test
    void unterminatedStringPointsAtItsOpeningQuote() {
        failure("drop_table(\"a\")\nsql(\"UPDATE t SET a = 1)\n")
                .hasMessage("db/20190101_x.up.fizz:2:5: unterminated string: add the closing \" (a string may span lines)");
        failure("sql(`SELECT 1")
                .hasMessageStartingWith("db/20190101_x.up.fizz:1:5: unterminated raw string");
    }

    @Test
    void unclosedBlockAndUnbalancedCall() {
        failure("create_table(\"a\") {\n t.Column(\"id\", \"uuid\", {primary: true})\n")
                .hasMessageStartingWith("db/20190101_x.up.fizz:1:19: the block of create_table opened here is never closed");
        failure("add_column(\"a\", \"b\", \"text\" {})")
                .hasMessageStartingWith("db/20190101_x.up.fizz:1:29: expected ',' or ')' in the arguments of add_column");
        failure("add_column(\"a\", \"b\"")
                .hasMessageContaining("but found end of file");
    }

    @Test
    void wrongArgumentShapes() {
        failure("add_column(\"a\", \"b\")")
                .hasMessageStartingWith("db/20190101_x.up.fizz:1:1: add_column takes 3 to 4 arguments but was given 2;"
                        + " write it as add_column(\"table\", \"column\", \"type\", {options})");
        failure("drop_column(\"a\", 5)")
                .hasMessageStartingWith("db/20190101_x.up.fizz:1:18: the column name of drop_column must be a string");
        failure("add_column(\"a\", \"b\", \"string\", {\"size\": \"big\"})")
                .hasMessageContaining("option \"size\" must be a whole number");
        failure("add_foreign_key(\"a\", \"b\", {\"x\": [\"id\"], \"y\": [\"id\"]}, {})")
                .hasMessageContaining("must name one table and its columns");
        failure("add_column(\"a\", \"b\", text, {})")
                .hasMessageStartingWith("db/20190101_x.up.fizz:1:22: 'text' is not a value");
        failure("drop_table(\"a\") { }")
                .hasMessageContaining("drop_table does not take a { ... } block");
    }

    @Test
    void tableDefinitionsFizzWouldRejectOrPostgreSqlWouldRefuse() {
        failure("create_table(\"a\") {\n t.Column(\"id\", \"text\", {primary: true})\n}")
                .hasMessageStartingWith("db/20190101_x.up.fizz:2:2: can not use text as a primary key");
        failure("create_table(\"a\") {\n t.Column(\"id\", \"uuid\", {primary: true})\n t.Column(\"created_at\", \"timestamp\", {})\n t.Timestamps()\n}")
                .hasMessageStartingWith("db/20190101_x.up.fizz:4:2: duplicated column created_at");
        failure("create_table(\"a\") {\n t.Column(\"id\", \"uuid\", {})\n}")
                .hasMessageContaining("defines a column id that is not marked primary");
    }

    @Test
    void unexpectedCharacter() {
        failure("drop_table(\"a\");")
                .hasMessageStartingWith("db/20190101_x.up.fizz:1:16: unexpected character ';'");
    }

    @Test
    void errorsNeverQuoteStringContentWhichMayBeSql() {
        failure("sql(\"UPDATE users SET password = 'hunter2'\" \"more\")")
                .hasMessageStartingWith("db/20190101_x.up.fizz:1:45: expected ',' or ')' in the arguments of sql"
                        + " but found a string")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("more");
    }
}
