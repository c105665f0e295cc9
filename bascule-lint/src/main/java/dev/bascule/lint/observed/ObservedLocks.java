package dev.bascule.lint.observed;

import dev.bascule.trace.HeldLock;
import dev.bascule.trace.LockLevel;
import dev.bascule.trace.LockObservation;
import dev.bascule.trace.MigrationTrace;
import dev.bascule.trace.Relation;
import dev.bascule.trace.StatementTrace;
import dev.bascule.trace.TableScan;
import dev.bascule.trace.TraceReport;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Everything one {@code bascule trace} run observed, keyed by the names the linter gives the files, so findings and
 * rules find the statement they are about by file and position (trace and linter split scripts with the same
 * splitter, so a statement starts at the same line and column in both).
 */
public final class ObservedLocks {

    private static final Comparator<ObservedStatement> BY_POSITION =
            Comparator.comparingInt(ObservedStatement::line).thenComparingInt(ObservedStatement::column);

    private final Map<String, List<ObservedStatement>> byFile;
    private final List<String> notes;
    private final boolean failed;
    /** A fixture's observations apply to whatever file is linted (rule fixtures have no fixed name). */
    private final boolean anyFile;

    private ObservedLocks(Map<String, List<ObservedStatement>> byFile, List<String> notes, boolean failed,
                          boolean anyFile) {
        Map<String, List<ObservedStatement>> sorted = new LinkedHashMap<>();
        byFile.forEach((file, statements) -> sorted.put(file,
                statements.stream().sorted(BY_POSITION).toList()));
        this.byFile = java.util.Collections.unmodifiableMap(sorted);
        this.notes = List.copyOf(notes);
        this.failed = failed;
        this.anyFile = anyFile;
    }

    /**
     * The observations of {@code report}, each file named as the linter named it: a traced file is the linted file
     * of the same name, or whose path ends with the traced (relative) path; files the linter did not see (secure
     * migrations, fizz files) keep trace's name.
     */
    public static ObservedLocks of(TraceReport report, Collection<String> lintedFiles) {
        Map<String, List<ObservedStatement>> byFile = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        notes.add("trace: " + report.statements().count() + " statement(s) traced on the shadow database "
                + (report.shadow().isEmpty() ? "(none was needed)" : report.shadow() + " (dropped)") + ", "
                + report.origin().describe());
        for (MigrationTrace migration : report.migrations()) {
            for (StatementTrace s : migration.statements()) {
                String file = linterName(s.file(), lintedFiles);
                byFile.computeIfAbsent(file, f -> new ArrayList<>())
                        .add(new ObservedStatement(file, migration.secret(), s));
                if (s.failed()) {
                    // Trace keeps only the SQLSTATE of a secure migration's error; the text is never in a note.
                    notes.add("trace: " + file + ":" + s.line() + ": the statement failed on the shadow database: "
                            + s.error().orElse("") + "; statements after it were not traced");
                }
            }
        }
        report.serverWide().forEach(line -> notes.add("trace: " + line));
        return new ObservedLocks(byFile, notes, report.failed(), false);
    }

    private static String linterName(String traced, Collection<String> lintedFiles) {
        if (lintedFiles.contains(traced)) {
            return traced;
        }
        try {
            Path tracedPath = Path.of(traced).normalize();
            for (String linted : lintedFiles) {
                if (Path.of(linted).normalize().endsWith(tracedPath)) {
                    return linted;
                }
            }
        } catch (InvalidPathException e) {
            return traced; // a name that is no path (a classpath or s3 location): only an exact match
        }
        return traced;
    }

    /** The statements observed in {@code file}, by position. */
    public List<ObservedStatement> inFile(String file) {
        if (anyFile) {
            return byFile.values().stream().flatMap(List::stream)
                    .map(s -> new ObservedStatement(file, s.secret(), s.trace())).toList();
        }
        return byFile.getOrDefault(file, List.of());
    }

    /** The statement observed to start exactly at {@code line}:{@code column} of {@code file}. */
    public Optional<ObservedStatement> at(String file, int line, int column) {
        return inFile(file).stream().filter(s -> s.line() == line && s.column() == column).findFirst();
    }

    /**
     * The traced statement a position belongs to: the last one of its file starting at or before it. Empty when
     * the file was not traced or the position comes before its first statement.
     */
    public Optional<ObservedStatement> owner(String file, int line, int column) {
        ObservedStatement owner = null;
        for (ObservedStatement s : inFile(file)) {
            if (s.line() < line || (s.line() == line && s.column() <= column)) {
                owner = s;
            }
        }
        return Optional.ofNullable(owner);
    }

    /** Every observed statement, file by file in the order traced. */
    public List<ObservedStatement> all() {
        return byFile.values().stream().flatMap(List::stream).toList();
    }

    /** What the user should know about the trace itself: the shadow database, a failure, roles undone. */
    public List<String> notes() {
        return notes;
    }

    /** A statement failed on the shadow database: what follows it was not traced. */
    public boolean failed() {
        return failed;
    }

    /** The same observations with every file renamed (as {@code LintReport.relativeTo} renames findings). */
    public ObservedLocks renamed(UnaryOperator<String> rename) {
        Map<String, List<ObservedStatement>> out = new LinkedHashMap<>();
        byFile.forEach((file, statements) -> {
            String shown = rename.apply(file);
            out.put(shown, statements.stream().map(s -> new ObservedStatement(shown, s.secret(), s.trace())).toList());
        });
        return new ObservedLocks(out, notes, failed, anyFile);
    }

    /**
     * Observations written down for a rule fixture ({@code -- fixture: observed=...}), for whatever file is linted:
     * statements separated by {@code ;}, each {@code LINE:MODE:SCHEMA.TABLE} followed by any of {@code :rewrite}
     * (the table was rewritten), {@code :scan} (read whole) and {@code :held} (the mode was taken by an earlier
     * statement). {@code MODE} is a constant of {@link LockLevel} or {@code none}. Statements start at column 1.
     */
    public static ObservedLocks fixture(String spec) {
        List<ObservedStatement> statements = new ArrayList<>();
        for (String one : spec.split(";")) {
            String[] parts = one.split(":");
            if (parts.length < 3 || !parts[2].contains(".")) {
                throw new IllegalArgumentException("observed fixture '" + one + "': write LINE:MODE:SCHEMA.TABLE"
                        + "[:rewrite][:scan][:held]");
            }
            int line = Integer.parseInt(parts[0]);
            String[] qualified = parts[2].split("\\.", 2);
            Relation table = new Relation(qualified[0], qualified[1], "table");
            List<String> flags = List.of(parts).subList(3, parts.length);
            List<HeldLock> locks = parts[1].equalsIgnoreCase("none") ? List.of() : List.of(new HeldLock(table,
                    LockLevel.valueOf(parts[1].toUpperCase(Locale.ROOT)), !flags.contains("held"), false));
            StatementTrace trace = new StatementTrace("fixture", line, 1, statements.size() + 1, "",
                    LockObservation.EXACT, locks, flags.contains("rewrite") ? List.of(table) : List.of(), List.of(),
                    flags.contains("scan") ? List.of(new TableScan(table, 1)) : List.of(), true, 0, Duration.ZERO,
                    Optional.empty());
            statements.add(new ObservedStatement("fixture", false, trace));
        }
        return new ObservedLocks(Map.of("fixture", statements), List.of(), false, true);
    }
}
