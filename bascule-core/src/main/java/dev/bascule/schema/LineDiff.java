package dev.bascule.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified-diff excerpt of two multi-line values (function bodies, view definitions): hunks of changed lines
 * with two lines of context, {@code @@ -from,count +from,count @@} headers as in {@code diff -u}.
 */
final class LineDiff {

    private static final int CONTEXT = 2;
    /** Beyond this many lines between the common head and tail, the excerpt shows the changed range without LCS. */
    private static final int LCS_LIMIT = 4_000;

    private record Op(char sign, String line, int oldLine, int newLine) {
    }

    private LineDiff() {
    }

    /** The excerpt's lines, at most {@code maxLines} of them (then a line saying how many more there are). */
    static List<String> excerpt(String a, String b, int maxLines) {
        List<String> lines = hunks(operations(a.split("\n", -1), b.split("\n", -1)));
        if (lines.size() <= maxLines) {
            return lines;
        }
        List<String> cut = new ArrayList<>(lines.subList(0, maxLines));
        cut.add("... " + (lines.size() - maxLines) + " more line(s) of difference");
        return cut;
    }

    /** Common head and tail trimmed, then a longest-common-subsequence alignment of the rest. */
    private static List<Op> operations(String[] a, String[] b) {
        int head = 0;
        while (head < a.length && head < b.length && a[head].equals(b[head])) {
            head++;
        }
        int tail = 0;
        while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail].equals(b[b.length - 1 - tail])) {
            tail++;
        }
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            ops.add(new Op(' ', a[i], i + 1, i + 1));
        }
        int n = a.length - head - tail;
        int m = b.length - head - tail;
        if (n <= LCS_LIMIT && m <= LCS_LIMIT) {
            int[][] lcs = new int[n + 1][m + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int j = m - 1; j >= 0; j--) {
                    lcs[i][j] = a[head + i].equals(b[head + j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
                }
            }
            int i = 0;
            int j = 0;
            while (i < n || j < m) {
                if (i < n && j < m && a[head + i].equals(b[head + j])) {
                    ops.add(new Op(' ', a[head + i], head + i + 1, head + j + 1));
                    i++;
                    j++;
                } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                    // Removals before additions, as diff -u shows them.
                    ops.add(new Op('-', a[head + i], head + i + 1, head + j + 1));
                    i++;
                } else {
                    ops.add(new Op('+', b[head + j], head + i + 1, head + j + 1));
                    j++;
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                ops.add(new Op('-', a[head + i], head + i + 1, head + 1));
            }
            for (int j = 0; j < m; j++) {
                ops.add(new Op('+', b[head + j], head + n + 1, head + j + 1));
            }
        }
        for (int t = 0; t < tail; t++) {
            ops.add(new Op(' ', a[a.length - tail + t], a.length - tail + t + 1, b.length - tail + t + 1));
        }
        return ops;
    }

    private static List<String> hunks(List<Op> ops) {
        List<String> out = new ArrayList<>();
        int k = 0;
        while (k < ops.size()) {
            while (k < ops.size() && ops.get(k).sign() == ' ') {
                k++;
            }
            if (k == ops.size()) {
                break;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            // Extend the hunk while the next change is within two context spans.
            int lastChange = k;
            while (end < ops.size()) {
                if (ops.get(end).sign() != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            List<Op> hunk = ops.subList(start, end);
            int oldCount = (int) hunk.stream().filter(o -> o.sign() != '+').count();
            int newCount = (int) hunk.stream().filter(o -> o.sign() != '-').count();
            out.add("@@ -" + hunk.get(0).oldLine() + "," + oldCount + " +" + hunk.get(0).newLine() + "," + newCount + " @@");
            for (Op op : hunk) {
                out.add(op.sign() + op.line());
            }
            k = end;
        }
        return out;
    }
}
