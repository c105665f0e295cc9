package dev.bascule.sql;

import java.util.Arrays;

/**
 * The unquoted words of one statement that sit outside any parentheses, by position in the script text.
 * The classifier reads them instead of materialising tokens, so a 4 MB INSERT costs nothing extra.
 * Reused from statement to statement by one scanner (never shared between threads).
 */
final class TopLevelWords {

    private final String text;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    /** Index of the word among all significant tokens of the statement: tells whether two words are adjacent. */
    private int[] ordinals = new int[16];
    private int count;

    TopLevelWords(String text) {
        this.text = text;
    }

    void clear() {
        count = 0;
    }

    void add(int start, int end, int ordinal) {
        if (count == starts.length) {
            int size = count * 2;
            starts = Arrays.copyOf(starts, size);
            ends = Arrays.copyOf(ends, size);
            ordinals = Arrays.copyOf(ordinals, size);
        }
        starts[count] = start;
        ends[count] = end;
        ordinals[count] = ordinal;
        count++;
    }

    int count() {
        return count;
    }

    /** True when word {@code index} exists and equals {@code keyword} ignoring ASCII case. */
    boolean is(int index, String keyword) {
        if (index < 0 || index >= count) {
            return false;
        }
        int length = ends[index] - starts[index];
        return length == keyword.length() && text.regionMatches(true, starts[index], keyword, 0, length);
    }

    /** True when word {@code index} is the significant token right after word {@code index - 1}. */
    boolean followsDirectly(int index) {
        return index > 0 && index < count && ordinals[index] == ordinals[index - 1] + 1;
    }

    /** Index of the first word equal to {@code keyword} at or after {@code from}, or -1. */
    int indexOf(String keyword, int from) {
        for (int i = Math.max(0, from); i < count; i++) {
            if (is(i, keyword)) {
                return i;
            }
        }
        return -1;
    }

    /** True when {@code first} is directly followed by {@code second} somewhere at or after word {@code from}. */
    boolean containsPair(String first, String second, int from) {
        for (int i = indexOf(first, from); i >= 0; i = indexOf(first, i + 1)) {
            if (is(i + 1, second) && followsDirectly(i + 1)) {
                return true;
            }
        }
        return false;
    }

    /** The ordinal (among significant tokens) of word {@code index}. */
    int ordinal(int index) {
        return ordinals[index];
    }
}
