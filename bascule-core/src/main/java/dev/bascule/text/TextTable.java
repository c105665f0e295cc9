package dev.bascule.text;

import java.util.Arrays;
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
        int columns = rows.stream().mapToInt(row -> row.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < row.length; i++) {
                int column = i;
                String pad = " ".repeat(widths[i] - row[i].length());
                boolean right = Arrays.stream(rightAligned).anyMatch(r -> r == column);
                line.append(right ? pad + row[i] : row[i] + pad).append(i < row.length - 1 ? "  " : "");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
