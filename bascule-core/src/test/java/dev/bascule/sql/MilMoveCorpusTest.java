package dev.bascule.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every SQL file of MilMove's real migration tree splits, and loses no byte doing so. */
class MilMoveCorpusTest {

    @Test
    void everyCorpusFileSplitsAndCoversItsText() throws IOException {
        Path root = MilMoveCorpus.require();
        List<Path> files = MilMoveCorpus.sqlFiles(root);
        assertThat(files).hasSizeGreaterThan(1000);
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            String text = ScriptFiles.readUtf8(file);
            try {
                Script script = ScriptParser.parse(root.relativize(file).toString(), text);
                String problem = Coverage.check(text, script.statements());
                if (problem != null) {
                    failures.add(file + ": " + problem);
                }
            } catch (ScriptSyntaxError e) {
                failures.add(e.getMessage());
            }
        }
        assertThat(failures).as("files that do not split cleanly").isEmpty();
    }

    /** The two files MilMove's own splitter silently dropped because of ON CONFLICT DO NOTHING. */
    @Test
    void onConflictDoNothingFilesSplitIntoAllTheirStatements() throws IOException {
        Path schema = MilMoveCorpus.require().resolve("migrations/app/schema");
        List<Path> files;
        try (var stream = Files.list(schema)) {
            files = stream.filter(f -> f.getFileName().toString().startsWith("20240405190435_add_safety_privilege")
                    || f.getFileName().toString().startsWith("20241220171035_add_additional_AK_zips")).toList();
        }
        assertThat(files).hasSize(2);
        Pattern doNothing = Pattern.compile("on\\s+conflict[^;]*do\\s+nothing");
        for (Path file : files) {
            String text = ScriptFiles.readUtf8(file);
            List<Statement> statements = ScriptParser.parse(file.toString(), text).statements();
            int expected = 0;
            for (Matcher m = doNothing.matcher(text.toLowerCase(Locale.ROOT)); m.find(); ) {
                expected++;
            }
            assertThat(expected).as("DO NOTHING clauses in " + file).isPositive();
            assertThat(statements.stream().filter(s -> doNothing.matcher(s.sql().toLowerCase(Locale.ROOT)).find()))
                    .as(file.toString()).hasSize(expected);
            assertThat(Coverage.check(text, statements)).as(file.toString()).isNull();
            Statement last = statements.get(statements.size() - 1);
            assertThat(text.stripTrailing()).endsWith(last.sql());
        }
    }
}
