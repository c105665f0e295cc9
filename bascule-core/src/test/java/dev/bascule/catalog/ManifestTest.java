package dev.bascule.catalog;

import dev.bascule.error.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestTest {

    @Test
    void ignoresCommentsAndBlankLines() {
        Manifest m = Manifest.parse("manifest.txt", "# header\n\n  # indented comment\n2_b.up.sql\n  1_a.up.sql  \n");
        assertThat(m.entries()).containsExactly(new Manifest.Entry(4, "2_b.up.sql"), new Manifest.Entry(5, "1_a.up.sql"));
        assertThat(m.problems()).isEmpty();
    }

    @Test
    void reportsEveryBadLineAtOnce() {
        Manifest m = Manifest.parse("manifest.txt", "1_a.up.sql\nnot-a-migration.sql\n1_a.up.sql\n3_c.down.sql\n");
        assertThat(m.problems()).extracting(Problem::toString).containsExactly(
                "manifest.txt:2: 'not-a-migration.sql' is not a migration file name: a migration file name ends in .up.sql or .down.sql",
                "manifest.txt:3: 1_a.up.sql is listed twice (first on line 1): remove this line",
                "manifest.txt:4: 3_c.down.sql is a down migration: list only .up files (their .down files are found beside them)");
    }

    @Test
    void rewriteKeepsHeaderCommentedOutEntriesAndCommentsAboveEntries() {
        Manifest m = Manifest.parse("manifest.txt", "# header\n2_b.up.sql\n# why c is skipped\n# 3_c.up.sql\n1_a.up.sql\n");
        List<MigrationFileName> files = List.of("1_a.up.sql", "2_b.up.sql", "3_c.up.sql", "4_d.up.sql").stream()
                .map(n -> MigrationFileName.parse(n).value().orElseThrow()).toList();
        assertThat(ManifestWriter.rewrite(Optional.of(m), files))
                .isEqualTo("# header\n1_a.up.sql\n2_b.up.sql\n# why c is skipped\n# 3_c.up.sql\n4_d.up.sql\n");
    }
}
