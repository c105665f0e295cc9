package dev.bascule.schema;

import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LineDiffTest {

    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
    }

    @Test
    void twoDistantChangesMakeTwoHunksWithContext() {
        String a = lines(1, 20);
        String b = a.replace("line 3\n", "line three\n").replace("line 17\n", "");

        assertThat(LineDiff.excerpt(a, b, 40)).containsExactly(
                "@@ -1,5 +1,5 @@", " line 1", " line 2", "-line 3", "+line three", " line 4", " line 5",
                "@@ -15,5 +15,4 @@", " line 15", " line 16", "-line 17", " line 18", " line 19");
    }

    @Test
    void nearbyChangesShareAHunk() {
        String a = lines(1, 10);
        String b = a.replace("line 4\n", "line four\n").replace("line 7\n", "line seven\n");

        assertThat(LineDiff.excerpt(a, b, 40)).first().isEqualTo("@@ -2,8 +2,8 @@");
        assertThat(LineDiff.excerpt(a, b, 40)).filteredOn(l -> l.startsWith("@@")).hasSize(1);
    }

    @Test
    void longDifferencesAreCut() {
        assertThat(LineDiff.excerpt(lines(1, 100), lines(101, 200), 10)).hasSize(11).last()
                .isEqualTo("... 191 more line(s) of difference");
    }
}
