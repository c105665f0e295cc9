package dev.bascule.plan;

import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.Migration;
import dev.bascule.catalog.Version;
import dev.bascule.error.Problem;
import dev.bascule.history.AppliedMigration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Inputs the planner would otherwise accept in silence: a {@code --target} no migration has, a version recorded
 * twice in history, a pending migration that runs nothing. Pure, like the planner.
 */
final class PlanChecks {

    private PlanChecks() {
    }

    /**
     * Versions with more than one history row. The table's unique index forbids them, so one was inserted by hand (or
     * the index dropped): which row is true is for a person to decide, so nothing runs until then.
     */
    static List<Problem> duplicateHistoryRows(List<AppliedMigration> history) {
        Map<Version, List<AppliedMigration>> byVersion = new LinkedHashMap<>();
        history.stream().filter(r -> r.version() != null)
                .forEach(r -> byVersion.computeIfAbsent(r.version(), v -> new ArrayList<>()).add(r));
        List<Problem> problems = new ArrayList<>();
        byVersion.forEach((version, rows) -> {
            if (rows.size() > 1) {
                String ids = rows.stream().map(r -> String.valueOf(r.id())).collect(Collectors.joining(", "));
                String extra = rows.stream().skip(1).map(r -> String.valueOf(r.id())).collect(Collectors.joining(", "));
                problems.add(Problem.of(rows.get(0).script(), "version " + version + " has " + rows.size()
                        + " rows in the history table (ids " + ids + "); each version is recorded once, so a row was"
                        + " added by hand or the table's unique index on version was dropped: check which row is right,"
                        + " delete the others (for example DELETE ... WHERE id IN (" + extra + ")) and re-create the"
                        + " index if it is missing; nothing runs until then"));
            }
        });
        return problems;
    }

    /**
     * A target version no migration has (in the paths or in history): running "up to the next lower one" would
     * silently apply less than the person asked for, or more when they mistyped.
     */
    static Optional<Problem> unknownTarget(Version target, Catalog catalog, List<AppliedMigration> history) {
        boolean known = catalog.migrations().stream().anyMatch(m -> !m.repeatable() && m.version().equals(target))
                || history.stream().anyMatch(r -> target.equals(r.version()));
        if (known) {
            return Optional.empty();
        }
        List<Migration> versioned = catalog.migrations().stream().filter(m -> !m.repeatable())
                .sorted(Comparator.comparing(Migration::version)).toList();
        Optional<Migration> below = versioned.stream().filter(m -> m.version().compareTo(target) < 0)
                .reduce((a, b) -> b);
        Optional<Migration> above = versioned.stream().filter(m -> m.version().compareTo(target) > 0).findFirst();
        String nearest = below.map(m -> "the nearest below is " + m.version() + " (" + m.fileName() + ")").orElse("")
                + (below.isPresent() && above.isPresent() ? ", " : "")
                + above.map(m -> "the nearest above is " + m.version() + " (" + m.fileName() + ")").orElse("");
        boolean unlisted = catalog.unlisted().stream().anyMatch(f -> f.file().version().equals(target));
        return Optional.of(Problem.of("--target", "no migration has version " + target
                + (unlisted ? " in the manifest (a file with it is in the paths but not listed)" : "")
                + (nearest.isEmpty() ? "" : "; " + nearest) + ": name the version of an existing migration"
                + " ('bascule status' lists them)"));
    }

    /**
     * Whether a migration holds no statement: only white space, comments and semicolons (psql sends nothing for
     * it). Secure migrations are left alone: an empty scrubbed copy is how a placeholder looks. Scans only up to the
     * first character of SQL, so it costs nothing for a real migration.
     */
    static boolean runsNothing(Migration m) {
        if (m.secret() || !m.file().format().isSql() || !m.includes().isEmpty()) {
            return false;
        }
        String text = m.text();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == ';' || c == '\uFEFF') {
                i++;
            } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                i = endOfBlockComment(text, i);
                if (i < 0) {
                    return false; // unterminated: the splitter reports it
                }
            } else {
                return false;
            }
        }
        return true;
    }

    /** The index after a (nested) block comment starting at {@code start}, or -1 when it never ends. */
    private static int endOfBlockComment(String text, int start) {
        int depth = 0;
        int i = start;
        while (i + 1 < text.length()) {
            if (text.charAt(i) == '/' && text.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (text.charAt(i) == '*' && text.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return -1;
    }
}
