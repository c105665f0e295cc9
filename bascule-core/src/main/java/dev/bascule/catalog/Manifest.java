package dev.bascule.catalog;

import dev.bascule.error.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A manifest (MilMove semantics): one migration file name per line; blank lines and lines whose first non-blank
 * character is {@code #} are ignored. Only listed files run: in version order in a versioned stage (never line
 * order), in line order in a repeatable one.
 *
 * @param location the manifest's path as the user gave it, used in error messages
 * @param lines    every line as read, so {@code update-manifest} can keep comments
 */
public record Manifest(String location, List<String> lines) {

    public Manifest {
        lines = List.copyOf(lines);
    }

    /** A file name listed on a 1-based line. */
    public record Entry(int line, String fileName) {
    }

    /** Parses a manifest's text; a byte order mark at its start (editors on Windows add one) is ignored. */
    public static Manifest parse(String location, String text) {
        return new Manifest(location, (text.startsWith("\uFEFF") ? text.substring(1) : text).lines().toList());
    }

    public static boolean isComment(String line) {
        String t = line.strip();
        return t.isEmpty() || t.startsWith("#");
    }

    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!isComment(lines.get(i))) {
                entries.add(new Entry(i + 1, lines.get(i).strip()));
            }
        }
        return entries;
    }

    /** Duplicated lines and names that do not parse, each as a {@code manifest:LINE} problem. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (Entry entry : entries()) {
            Integer earlier = firstLine.putIfAbsent(entry.fileName(), entry.line());
            if (earlier != null) {
                problems.add(new Problem(location, entry.line(), entry.fileName()
                        + " is listed twice (first on line " + earlier + "): remove this line"));
                continue;
            }
            MigrationFileName.Result parsed = MigrationFileName.parse(entry.fileName());
            if (parsed.value().isEmpty()) {
                problems.add(new Problem(location, entry.line(), "'" + entry.fileName() + "' is not a migration file name: "
                        + parsed.error()));
            } else if (parsed.value().get().direction() != MigrationFileName.Direction.UP) {
                problems.add(new Problem(location, entry.line(), entry.fileName()
                        + " is a down migration: list only .up files (their .down files are found beside them)"));
            }
        }
        return problems;
    }
}
