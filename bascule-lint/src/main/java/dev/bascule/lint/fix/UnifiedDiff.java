package dev.bascule.lint.fix;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, with three lines of context. Fixes change a few lines of files that may be long,
 * so rather than a longest-common-subsequence table (memory quadratic in the length), each difference is followed
 * to the nearest point where both texts agree again for three lines, trying the smallest skips first. Enough for
 * a preview; not a minimal diff of arbitrary texts.
 */
final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    static String of(String oldName, String newName, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        StringBuilder out = new StringBuilder("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
        for (int[] hunk : hunks(a, b)) {
            int aFrom = hunk[0];
            int aTo = hunk[1];
            int bFrom = hunk[2];
            int bTo = hunk[3];
            int ctxFrom = Math.max(0, aFrom - CONTEXT);
            int aEnd = Math.min(a.size(), aTo + CONTEXT);
            int lead = aFrom - ctxFrom;
            int trail = aEnd - aTo;
            out.append("@@ -").append(range(ctxFrom, aEnd - ctxFrom)).append(" +")
                    .append(range(bFrom - lead, (bTo - bFrom) + lead + trail)).append(" @@\n");
            a.subList(ctxFrom, aFrom).forEach(l -> out.append(' ').append(l).append('\n'));
            a.subList(aFrom, aTo).forEach(l -> out.append('-').append(l).append('\n'));
            b.subList(bFrom, bTo).forEach(l -> out.append('+').append(l).append('\n'));
            a.subList(aTo, aEnd).forEach(l -> out.append(' ').append(l).append('\n'));
        }
        return out.toString();
    }

    /** Hunks {@code [aFrom, aTo, bFrom, bTo]}: changed line ranges, merged when their contexts would touch. */
    private static List<int[]> hunks(List<String> a, List<String> b) {
        List<int[]> blocks = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                i++;
                j++;
                continue;
            }
            // A difference starts here: find the nearest point where both sides line up again.
            int[] resync = resync(a, b, i, j);
            blocks.add(new int[] {i, resync[0], j, resync[1]});
            i = resync[0];
            j = resync[1];
        }
        List<int[]> merged = new ArrayList<>();
        for (int[] block : blocks) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && block[0] - last[1] <= 2 * CONTEXT) {
                last[1] = block[1];
                last[3] = block[3];
            } else {
                merged.add(block.clone());
            }
        }
        return merged;
    }

    /**
     * The first pair {@code (i', j')} after a difference at {@code (i, j)} where the rest of both texts line up for
     * at least {@code CONTEXT} lines (or to the end), trying small skips first.
     */
    private static int[] resync(List<String> a, List<String> b, int i, int j) {
        int limit = Math.max(a.size() - i, b.size() - j);
        for (int total = 1; total <= 2 * limit; total++) {
            for (int da = 0; da <= total; da++) {
                int ia = i + da;
                int jb = j + (total - da);
                if (ia <= a.size() && jb <= b.size() && alignedFrom(a, b, ia, jb)) {
                    return new int[] {ia, jb};
                }
            }
        }
        return new int[] {a.size(), b.size()};
    }

    private static boolean alignedFrom(List<String> a, List<String> b, int i, int j) {
        if (i == a.size() || j == b.size()) {
            return i == a.size() && j == b.size();
        }
        for (int k = 0; k < CONTEXT; k++) {
            if (i + k == a.size() || j + k == b.size()) {
                return i + k == a.size() && j + k == b.size();
            }
            if (!a.get(i + k).equals(b.get(j + k))) {
                return false;
            }
        }
        return true;
    }

    private static String range(int from, int count) {
        return count == 0 ? from + ",0" : (from + 1) + "," + count;
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(body.split("\n", -1));
    }
}
