package dev.bascule.lint;

import dev.bascule.lint.model.BuiltinFunctions;
import dev.bascule.lint.parse.Routine.Volatility;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list of PostgreSQL's IMMUTABLE and STABLE functions shipped in the jar is what PostgreSQL 17's own
 * {@code pg_proc} says. Run with {@code -Dbascule.writeBuiltins=true} to rewrite it from the server.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class BuiltinFunctionsTest {

    private static final String QUERY = "SELECT proname || ' ' || CASE WHEN bool_or(provolatile = 's') THEN 's' ELSE 'i' END"
            + " FROM pg_proc WHERE pronamespace = 'pg_catalog'::regnamespace GROUP BY proname"
            + " HAVING NOT bool_or(provolatile = 'v') ORDER BY proname COLLATE \"C\"";

    @Test
    void theShippedListIsWhatTheServerSays(TestDatabase db) throws Exception {
        List<String> lines = db.column(QUERY);
        if (Boolean.getBoolean("bascule.writeBuiltins")) {
            Path file = MilmoveCorpus.repoRoot().resolve("bascule-lint/src/main/resources/dev/bascule/lint/model/"
                    + BuiltinFunctions.RESOURCE);
            Files.writeString(file, "# pg_catalog functions whose every overload is IMMUTABLE (i) or STABLE (s) in "
                    + "PostgreSQL 17 (BuiltinFunctionsTest)\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            return;
        }
        Map<String, Volatility> expected = new TreeMap<>();
        for (String line : lines) {
            expected.put(line.substring(0, line.indexOf(' ')), Volatility.ofCode(line.charAt(line.length() - 1)));
        }
        assertThat(new TreeMap<>(BuiltinFunctions.all())).isEqualTo(expected);
        assertThat(BuiltinFunctions.volatility("now")).contains(Volatility.STABLE);
        assertThat(BuiltinFunctions.volatility("lower")).contains(Volatility.IMMUTABLE);
        assertThat(BuiltinFunctions.volatility("random")).isEmpty();
        assertThat(BuiltinFunctions.volatility("clock_timestamp")).isEmpty();
    }
}
