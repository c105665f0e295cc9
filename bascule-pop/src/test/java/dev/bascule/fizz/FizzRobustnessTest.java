package dev.bascule.fizz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged input fails only with {@link FizzSyntaxError}, never with another exception: every prefix of a
 * realistic script, and seeded random mixes of fizz tokens.
 */
class FizzRobustnessTest {

    private static final String SCRIPT = """
            create_table("moves", {"timestamps": true}) {
            	t.Column("id", "uuid", {"primary": true})
            	t.Column("locator", "char(6)", {null: false, "default": "ABC"})
            	t.ForeignKey("orders_id", {"orders": ["id"]}, {"on_delete": "cascade"})
            	t.Index(["locator", "id"], {"unique": true})
            	t.Timestamps()
            }
            // comment
            add_index("moves", "locator", {"name": "moves_locator_idx"}) # comment
            sql(`SELECT 1`)
            sql("UPDATE moves SET locator = 'X' WHERE id = \\"a\\"")
            /* block */ drop_foreign_key("moves", "fk", {"if_exists": true})
            """;

    @Test
    void everyPrefixTranslatesOrFailsWithALocatedSyntaxError() {
        for (int end = 0; end <= SCRIPT.length(); end++) {
            check(SCRIPT.substring(0, end));
        }
    }

    @Test
    void randomTokenSoupTranslatesOrFailsWithALocatedSyntaxError() {
        String[] pieces = {"create_table", "add_column", "t", ".", "Column", "(", ")", "{", "}", "[", "]", ",", ":",
            "\"id\"", "\"uuid\"", "\"string\"", "{\"null\": true}", "true", "nil", "42", "-1.5", "`raw`", "\"",
            "`", "/*", "*/", "//", "#", "\n", " ", "sql", "exec", "\\", "drop_table", "\"t\""};
        Random random = new Random(20260101L);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder input = new StringBuilder();
            int length = random.nextInt(25);
            for (int i = 0; i < length; i++) {
                input.append(pieces[random.nextInt(pieces.length)]);
            }
            check(input.toString());
        }
    }

    private static void check(String input) {
        try {
            assertThat(FizzTranslator.translate("fuzz.up.fizz", input)).isNotNull();
        } catch (FizzSyntaxError e) {
            assertThat(e.line()).isPositive();
            assertThat(e.column()).isPositive();
            assertThat(e.getMessage()).startsWith("fuzz.up.fizz:" + e.line() + ":" + e.column() + ": ");
        } catch (RuntimeException e) {
            fail("input " + input.replace("\n", "\\n") + " failed with " + e, e);
        }
    }
}
