package dev.bascule.lint;

import dev.bascule.lint.model.LintResult;
import dev.bascule.lint.model.LintConfig;
import dev.bascule.lint.model.LintContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No input makes the linter throw: every MilMove file cut at a random point (unterminated quotes, half
 * statements, dangling parentheses) and random SQL-ish token soup. Seeded, so a failure replays exactly.
 */
class LinterRobustnessTest {

    private static final long SEED = 20261122L;
    private static final String[] WORDS = {"ALTER", "TABLE", "ADD", "COLUMN", "CONSTRAINT", "CHECK", "NOT",
        "NULL", "VALID", "CREATE", "INDEX", "CONCURRENTLY", "ON", "(", ")", ",", ";", "'x'", "$$", "$$ body $$",
        "users", "\"Q\"", ".", "DEFAULT", "now()", "TYPE", "varchar(3)", "USING", "DROP", "IF", "EXISTS", "WHERE",
        "UPDATE", "SET", "=", "1", "INSERT", "INTO", "VALUES", "BEGIN", "COMMIT", "--", "/*", "*/", "\n", "COPY",
        "FROM", "STDIN", "\\.", "RENAME", "TO", "REFERENCES", "PRIMARY", "KEY", "UNIQUE", "EXCLUDE", "GENERATED",
        "ALWAYS", "AS", "STORED", "IDENTITY", "E'\\''", "ATOMIC", "END", "CASE", "VACUUM", "FULL", "REINDEX"};

    private final Linter linter = Linter.standard();
    private final LintContext context = LintContext.filesOnly(LintConfig.defaults());

    @Test
    void truncatedCorpusFilesNeverThrow() throws Exception {
        Path root = MilmoveCorpus.root().orElse(null);
        Assumptions.assumeTrue(root != null, "shared/corpora/milmove not found above the working directory");
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        for (Path file : MilmoveCorpus.sqlFiles(root)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.length() > 200_000) {
                text = text.substring(0, 200_000);
            }
            int cut = text.isEmpty() ? 0 : random.nextInt(text.length());
            try {
                linter.lint(file.getFileName().toString(), text.substring(0, cut), context);
            } catch (RuntimeException e) {
                failures.add(file + " cut at " + cut + " (seed " + SEED + "): " + e);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void randomTokenSoupNeverThrowsAndUnknownShapesAreReportedNotDropped() {
        Random random = new Random(SEED);
        int notAnalysed = 0;
        for (int round = 0; round < 3000; round++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + random.nextInt(30);
            for (int i = 0; i < n; i++) {
                b.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextBoolean() ? " " : "");
            }
            String sql = b.toString();
            LintResult result = linter.lint("soup.sql", sql, context);
            notAnalysed += (int) result.findings().stream().filter(f -> f.ruleId().equals("not-analysed")).count();
            assertThat(result.findings()).as(sql).allSatisfy(f -> {
                assertThat(f.line()).isPositive();
                assertThat(f.column()).isPositive();
            });
        }
        assertThat(notAnalysed).as("soup must contain statements the parser rejects").isPositive();
    }

    @Test
    void randomDoBodiesNeverThrow() {
        String[] words = {"BEGIN", "END", "LOOP", "END LOOP", "IF", "THEN", "ELSIF", "ELSE", "END IF", "CASE", "WHEN",
            "END CASE", "FOR", "IN", "WHILE", "EXIT", "DECLARE", "EXCEPTION", "<<l>>", ":=", ";", "(", ")", "UPDATE t SET",
            "a = 1", "WHERE", "OFFSET", "x", "LIMIT 5", "SELECT", "PERFORM pg_sleep(1)", "DELETE FROM t", "RAISE", "'s'"};
        Random random = new Random(SEED);
        for (int round = 0; round < 2000; round++) {
            StringBuilder b = new StringBuilder("DO $$ ");
            int n = 1 + random.nextInt(40);
            for (int i = 0; i < n; i++) {
                b.append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? " " : "\n");
            }
            String sql = b.append(" $$;\n").toString();
            LintResult result = linter.lint("do.sql", sql, context);
            assertThat(result.findings()).as(sql).allSatisfy(f -> assertThat(f.line()).isPositive());
        }
    }
}
