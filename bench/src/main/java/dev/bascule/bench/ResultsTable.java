package dev.bascule.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects wall times per row label (one per repetition) and renders medians and ratios against the floor. */
public final class ResultsTable {

    private final Map<String, List<Double>> millis = new LinkedHashMap<>();

    /** Declares a row, so rows print in declaration order whatever order the runs happened in. */
    public void row(String label) {
        millis.putIfAbsent(label, new ArrayList<>());
    }

    public void add(String label, double ms) {
        millis.computeIfAbsent(label, k -> new ArrayList<>()).add(ms);
    }

    public double median(String label) {
        List<Double> values = new ArrayList<>(millis.getOrDefault(label, List.of()));
        if (values.isEmpty()) {
            throw new IllegalStateException("no measurement for '" + label + "'");
        }
        values.sort(Double::compare);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    /**
     * The table: one column per repetition, the median, and the median's ratio to {@code floorLabel}'s median for
     * the rows in {@code comparedToFloor}.
     */
    public String render(String floorLabel, List<String> comparedToFloor, int migrations) {
        int repetitions = millis.values().stream().mapToInt(List::size).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-34s", "wall time, whole process (ms)"));
        for (int r = 1; r <= repetitions; r++) {
            sb.append(String.format(Locale.ROOT, "%10s", "run " + r));
        }
        sb.append(String.format(Locale.ROOT, "%10s%12s%14s%n", "median", "ms/migr.", "vs " + floorShort(floorLabel)));
        double floor = millis.containsKey(floorLabel) && !millis.get(floorLabel).isEmpty() ? median(floorLabel) : Double.NaN;
        for (Map.Entry<String, List<Double>> row : millis.entrySet()) {
            if (row.getValue().isEmpty()) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-34s", row.getKey()));
            for (int r = 0; r < repetitions; r++) {
                sb.append(r < row.getValue().size() ? String.format(Locale.ROOT, "%10.0f", row.getValue().get(r))
                        : String.format(Locale.ROOT, "%10s", ""));
            }
            double median = median(row.getKey());
            boolean applies = comparedToFloor.contains(row.getKey()) || row.getKey().equals(floorLabel);
            sb.append(String.format(Locale.ROOT, "%10.0f", median));
            sb.append(applies ? String.format(Locale.ROOT, "%12.2f", median / migrations) : String.format(Locale.ROOT, "%12s", ""));
            sb.append(applies ? String.format(Locale.ROOT, "%13.2fx", median / floor) : "");
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static String floorShort(String floorLabel) {
        int space = floorLabel.indexOf(' ');
        return space < 0 ? floorLabel : floorLabel.substring(0, space);
    }
}
