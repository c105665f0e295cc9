package dev.bascule.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Collects figures per row label (one per repetition) and renders min, median and the median's ratio to a floor. */
public final class ResultsTable {

    private final String title;
    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    /** @param title the table's top-left cell, naming the figure and its unit */
    public ResultsTable(String title) {
        this.title = title;
    }

    /** Declares a row, so rows print in declaration order whatever order the runs happened in. */
    public void row(String label) {
        values.putIfAbsent(label, new ArrayList<>());
    }

    public void add(String label, double value) {
        values.computeIfAbsent(label, k -> new ArrayList<>()).add(value);
    }

    public double median(String label) {
        List<Double> sorted = sorted(label);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    public double min(String label) {
        return sorted(label).get(0);
    }

    private List<Double> sorted(String label) {
        List<Double> list = new ArrayList<>(values.getOrDefault(label, List.of()));
        if (list.isEmpty()) {
            throw new IllegalStateException("no measurement for '" + label + "'");
        }
        list.sort(Double::compare);
        return list;
    }

    /**
     * The table: one column per repetition, min, median, median per migration and the median's ratio to the floor
     * row's median, the last two only for the floor and the rows in {@code comparedToFloor}.
     */
    public String render(Optional<String> floorLabel, List<String> comparedToFloor, int migrations) {
        int repetitions = values.values().stream().mapToInt(List::size).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-36s", title));
        for (int r = 1; r <= repetitions; r++) {
            sb.append(String.format(Locale.ROOT, "%9s", "run " + r));
        }
        sb.append(String.format(Locale.ROOT, "%9s%9s", "min", "median"));
        if (floorLabel.isPresent()) {
            sb.append(String.format(Locale.ROOT, "%10s%12s", "/migr.", "vs " + firstWord(floorLabel.get())));
        }
        sb.append(System.lineSeparator());
        Optional<Double> floor = floorLabel.filter(l -> !values.getOrDefault(l, List.of()).isEmpty()).map(this::median);
        for (Map.Entry<String, List<Double>> row : values.entrySet()) {
            if (row.getValue().isEmpty()) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-36s", row.getKey()));
            for (int r = 0; r < repetitions; r++) {
                sb.append(r < row.getValue().size() ? String.format(Locale.ROOT, "%9.0f", row.getValue().get(r))
                        : String.format(Locale.ROOT, "%9s", ""));
            }
            double median = median(row.getKey());
            sb.append(String.format(Locale.ROOT, "%9.0f%9.0f", min(row.getKey()), median));
            boolean compared = comparedToFloor.contains(row.getKey()) || floorLabel.filter(row.getKey()::equals).isPresent();
            if (compared && floor.isPresent()) {
                sb.append(String.format(Locale.ROOT, "%10.2f%11.2fx", median / migrations, median / floor.get()));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static String firstWord(String label) {
        int space = label.indexOf(' ');
        return space < 0 ? label : label.substring(0, space);
    }
}
