package dev.bascule.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void writesTheSameBytesUnderBothNamingSchemesInVersionOrder() throws Exception {
        GeneratedSet set = MigrationGenerator.generate(dir, 10);

        List<String> bascule = names(set.basculeDir());
        List<String> flyway = names(set.flywayDir());
        assertThat(bascule).hasSize(10).allMatch(n -> n.matches("\\d{14}_[a-z]+_\\d{4}\\.up\\.sql"));
        assertThat(flyway).hasSize(10).allMatch(n -> n.matches("V\\d{14}__[a-z]+_\\d{4}\\.sql"));
        for (int i = 0; i < bascule.size(); i++) {
            String b = bascule.get(i);
            String f = flyway.get(i);
            assertThat(f).isEqualTo("V" + b.substring(0, 14) + "__" + b.substring(15, b.length() - ".up.sql".length()) + ".sql");
            assertThat(Files.readAllBytes(set.flywayDir().resolve(f))).isEqualTo(Files.readAllBytes(set.basculeDir().resolve(b)));
        }
        assertThat(bascule.get(0)).isEqualTo("20260101000100_table_0001.up.sql");
        assertThat(bascule.get(2)).isEqualTo("20260101000300_function_0003.up.sql");
    }

    @Test
    void countsWhatItGeneratesAndDrivesEachFileInItsOwnTransaction() throws Exception {
        GeneratedSet set = MigrationGenerator.generate(dir, 10);

        // Cycle table, index, function, insert: files 1-10 give tables 1,5,9, indexes 2,6,10, functions 3,7, inserts 4,8.
        assertThat(set.expected()).isEqualTo(new ExpectedSchema(10, 3, 3, 2, 2L * MigrationGenerator.ROWS_PER_INSERT));
        String driver = Files.readString(set.psqlDriver());
        assertThat(driver.split("BEGIN;\n", -1)).hasSize(11);
        assertThat(driver.split("COMMIT;\n", -1)).hasSize(11);
        assertThat(driver).contains("\\i '" + set.basculeDir().resolve("20260101001000_index_0010.up.sql") + "'");
    }

    @Test
    void functionBodiesAreDollarQuotedAndHoldSemicolons() throws Exception {
        GeneratedSet set = MigrationGenerator.generate(dir, 4);

        String function = Files.readString(set.basculeDir().resolve("20260101000300_function_0003.up.sql"));
        assertThat(function).contains("AS $$").contains("'a;b'").endsWith("VALUES (3, 'function');\n");
        assertThat(Files.readString(set.basculeDir().resolve("20260101000100_table_0001.up.sql")))
                .startsWith("-- Every migration leaves one row here").contains("CREATE TABLE bench_t_1 (");
    }

    @Test
    void refusesAnEmptySet() {
        assertThatThrownBy(() -> MigrationGenerator.generate(dir, 0)).hasMessageContaining("--migrations must be at least 1");
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
