package dev.bascule.run.batch;

import dev.bascule.sql.Directive;
import dev.bascule.sql.DirectiveKind;
import dev.bascule.sql.ScriptParser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchOptionsTest {

    private static BatchOptions parse(String argument) {
        return BatchOptions.parse(argument, "m.sql", 7);
    }

    @Test
    void everyOptionIsRead() {
        BatchOptions o = parse("size=5000 key=Moved_ID pause=100ms max-lag=10s lock-timeout=2s statement-timeout=1m");
        assertThat(o.size()).isEqualTo(5000);
        assertThat(o.keyColumn()).contains("moved_id");
        assertThat(o.pause()).isEqualTo(Duration.ofMillis(100));
        assertThat(o.maxLag()).contains(Duration.ofSeconds(10));
        assertThat(o.lockTimeout()).contains(Duration.ofSeconds(2));
        assertThat(o.statementTimeout()).contains(Duration.ofMinutes(1));
    }

    @Test
    void onlySizeIsRequiredAndTheRestHasDefaults() {
        BatchOptions o = parse("  size=1  ");
        assertThat(o).isEqualTo(BatchOptions.ofSize(1));
        assertThat(o.keyColumn()).isEmpty();
        assertThat(o.pause()).isZero();
        assertThat(o.lockTimeout()).isEmpty();
    }

    @Test
    void aQuotedKeyKeepsCaseAndSpaces() {
        assertThat(parse("size=10 key=\"Order Id\"").keyColumn()).contains("Order Id");
        assertThat(parse("size=10 key=\"a\"\"b\"").keyColumn()).contains("a\"b");
    }

    @Test
    void readsTheDirectiveAsParsedFromAScript() {
        Directive d = ScriptParser.parse("m.sql", "SELECT 1;\n\n-- bascule:batch size=250 key=id\nDELETE FROM t;\n")
                .statements().get(1).directive(DirectiveKind.BATCH).orElseThrow();
        assertThat(BatchOptions.parse(d)).isEqualTo(new BatchOptions(250, Optional.of("id"), Duration.ZERO,
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void badOptionsNameFileAndLineAndWhatToWrite() {
        assertError("size=10 batch=5", "unknown option 'batch'", "known options: size, key, pause");
        assertError("key=id", "size is missing", "size=5000");
        assertError("size=", "option size has no value");
        assertError("size=lots", "size=lots is not a whole number of rows");
        assertError("size=0", "size=0 is out of range");
        assertError("size=2000000", "out of range: write 1 to 1000000");
        assertError("size=-5", "not a whole number");
        assertError("size=10 pause=fast", "pause: 'fast' is not a duration", "500ms");
        assertError("size=10 max-lag=1d", "max-lag: '1d' is not a duration");
        assertError("size=10 lock-timeout=2 s x", "'s' is not an option");
        assertError("size=10 size=20", "option size is given twice");
        assertError("size=10 key=1abc", "key=1abc is not a column name");
        assertError("size=10 key=\"open", "unterminated \"");
        assertError("size=10 statement-timeout=-1s", "statement-timeout: '-1s' is not a duration");
    }

    private static void assertError(String argument, String... fragments) {
        assertThatThrownBy(() -> parse(argument)).isInstanceOfSatisfying(BatchStatementError.class, e -> {
            assertThat(e.sourceName()).isEqualTo("m.sql");
            assertThat(e.line()).isEqualTo(7);
            assertThat(e.getMessage()).startsWith("m.sql:7:1: bascule:batch: ");
            assertThat(e.detail()).contains(fragments);
        });
    }
}
