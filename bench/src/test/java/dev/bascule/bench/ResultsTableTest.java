package dev.bascule.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsTableTest {

    @Test
    void medianOfOddAndEvenCounts() {
        ResultsTable table = new ResultsTable("wall (ms)");
        table.add("a", 30);
        table.add("a", 10);
        table.add("a", 20);
        table.add("b", 40);
        table.add("b", 10);
        assertThat(table.median("a")).isEqualTo(20.0);
        assertThat(table.median("b")).isEqualTo(25.0);
        assertThatThrownBy(() -> table.median("c")).hasMessageContaining("no measurement for 'c'");
    }

    @Test
    void rendersRatiosAgainstTheFloorOnlyForComparedRows() {
        ResultsTable table = new ResultsTable("wall (ms)");
        table.row("psql (floor)");
        table.row("tool");
        table.row("status");
        table.add("tool", 3000);
        table.add("tool", 2000);
        table.add("tool", 4000);
        table.add("psql (floor)", 1000);
        table.add("status", 500);

        String text = table.render(Optional.of("psql (floor)"), List.of("tool"), 100);

        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).startsWith("wall (ms)").contains("run 3").contains("min").contains("median").contains("vs psql");
        assertThat(lines.get(1)).startsWith("psql (floor)").contains("1000").contains("10.00").endsWith("1.00x");
        assertThat(lines.get(2)).startsWith("tool").contains("4000").contains(" 2000 ").contains("30.00").endsWith("3.00x");
        assertThat(lines.get(3)).startsWith("status").contains("500").doesNotContain("x");
    }

    @Test
    void withoutAFloorNoRatiosArePrinted() {
        ResultsTable table = new ResultsTable("cpu (ms)");
        table.add("tool", 800);
        String text = table.render(Optional.empty(), List.of("tool"), 100);
        assertThat(text.lines().toList()).containsExactly(
                "cpu (ms)                                run 1      min   median",
                "tool                                      800      800      800");
    }
}
