package dev.bascule.trace;

import dev.bascule.text.TextTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code bascule trace} as a table per migration: one line per statement. */
public final class TraceText {

    private final Path workingDir;

    public TraceText(Path workingDir) {
        this.workingDir = workingDir;
    }

    public String render(TraceReport report) {
        StringBuilder out = new StringBuilder();
        if (report.origin() instanceof ShadowOrigin.NotNeeded) {
            return "nothing to trace: " + report.target() + " has no pending migration\n";
        }
        out.append("trace of ").append(report.target()).append(" on the shadow database ").append(report.shadow())
                .append(" (dropped): ").append(report.origin().describe()).append('\n');
        out.append("LOCKS: the modes each statement took, strongest per relation (\"new\": created by this migration,"
                + " nobody else sees it yet); modes taken by earlier statements stay held to the end of the transaction"
                + " (--json lists them all).\n");
        for (MigrationTrace migration : report.migrations()) {
            out.append('\n').append(display(migration.file()))
                    .append(migration.transactional() ? " (one transaction)" : " (no transaction: statement by statement)")
                    .append(migration.secret() ? ", secure: statement text not shown" : "").append('\n');
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"LINE", "MS", "ROWS", "LOCKS", "REWRITTEN", "FULL SCANS", "STATEMENT"});
            for (StatementTrace s : migration.statements()) {
                rows.add(new String[]{lineOf(s, migration), String.format(Locale.ROOT, "%.1f", s.duration().toNanos() / 1e6),
                        s.rowsWritten() < 0 ? "?" : String.valueOf(s.rowsWritten()), locks(s), names(s.rewritten()),
                        scans(s), s.failed() ? s.error().get() : s.summary()});
            }
            out.append(TextTable.render(rows, "  ", 1, 2));
        }
        out.append('\n').append(summary(report));
        return out.toString();
    }

    private String lineOf(StatementTrace s, MigrationTrace migration) {
        // An \i include's statements carry their own file.
        return s.file().equals(migration.file()) ? String.valueOf(s.line()) : display(s.file()) + ":" + s.line();
    }

    private static String locks(StatementTrace s) {
        if (s.failed()) {
            return "FAILED";
        }
        Map<String, HeldLock> strongest = new LinkedHashMap<>();
        for (HeldLock lock : s.acquired()) {
            strongest.merge(lock.relation().qualified(), lock, (a, b) -> a.mode().compareTo(b.mode()) >= 0 ? a : b);
        }
        String text = strongest.values().stream()
                .map(l -> l.mode().sqlName() + " " + l.relation().qualified() + (l.newRelation() ? " (new)" : ""))
                .collect(Collectors.joining(", "));
        if (s.observation() == LockObservation.SAMPLED) {
            text = (text.isEmpty() ? "none seen" : text) + " (sampled)";
        }
        return text.isEmpty() ? "-" : text;
    }

    private static String names(List<Relation> relations) {
        return relations.isEmpty() ? "-" : relations.stream().map(Relation::qualified).collect(Collectors.joining(", "));
    }

    private static String scans(StatementTrace s) {
        if (!s.scansKnown()) {
            return "?";
        }
        return s.scans().isEmpty() ? "-" : s.scans().stream()
                .map(t -> t.table().qualified() + (t.scans() > 1 ? " x" + t.scans() : "")).collect(Collectors.joining(", "));
    }

    private static String summary(TraceReport report) {
        List<StatementTrace> all = report.statements().toList();
        long blocking = all.stream().filter(s -> s.acquired().stream().anyMatch(l -> !l.newRelation() && l.mode().blocksWrites())).count();
        long rewrites = all.stream().filter(s -> !s.rewritten().isEmpty()).count();
        long scans = all.stream().filter(s -> !s.scans().isEmpty()).count();
        StringBuilder line = new StringBuilder().append(all.size()).append(" statement(s) in ").append(report.migrations().size())
                .append(" file(s): ").append(blocking).append(" took a lock blocking writes on an existing relation, ")
                .append(rewrites).append(" rewrote a table or index, ").append(scans).append(" read a table whole\n");
        report.serverWide().forEach(l -> line.append("outside the shadow database: ").append(l).append('\n'));
        report.failure().ifPresent(f -> line.append("FAILED at ").append(f.position()).append(": ").append(f.error().get())
                .append("; nothing after it was traced\n"));
        return line.toString();
    }

    private String display(String file) {
        if (file.contains("://") || file.startsWith("classpath:")) {
            return file;
        }
        Path path = Path.of(file);
        Path abs = path.toAbsolutePath().normalize();
        Path wd = workingDir.toAbsolutePath().normalize();
        return abs.startsWith(wd) && !abs.equals(wd) ? wd.relativize(abs).toString() : file;
    }
}
