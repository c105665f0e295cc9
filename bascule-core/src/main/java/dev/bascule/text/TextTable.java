package dev.bascule.text;

import java.util.List;

/**
 * The plain-text tables the commands print ({@code status}, {@code task list}, fleet results, trace): columns as wide
 * as their widest cell, two spaces apart, numbers aligned right, no trailing blanks.
 */
public final class TextTable {

    private TextTable() {
    }

    /**
     * Renders {@code rows} (the header first), one line each, every line starting with {@code indent}.
     *
     * @param rightAligned the indexes of the columns aligned right (numbers)
     */
    public static String render(List<String[]> rows, String indent, int... rightAligned) {
        int columns = 0;
        for (String[] row : rows) {
            columns = Math.max(columns, row.length);
        }
        int[] widths = new int[columns];
        boolean[] right = new boolean[columns];
        for (int r : rightAligned) {
            if (r < columns) {
                right[r] = true;
            }
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        // Plain loops: status prints a row per migration, thousands of them, in a process that has just started.
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String[] row : rows) {
            line.setLength(0);
            line.append(indent);
            for (int i = 0; i < row.length; i++) {
                int pad = widths[i] - row[i].length();
                if (right[i]) {
                    line.append(" ".repeat(pad)).append(row[i]);
                } else {
                    line.append(row[i]).append(" ".repeat(pad));
                }
                if (i < row.length - 1) {
                    line.append("  ");
                }
            }
            int end = line.length();
            while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
                end--;
            }
            out.append(line, 0, end).append('\n');
        }
        return out.toString();
    }
}
