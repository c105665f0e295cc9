package dev.bascule.lint.fix;

import java.util.List;

/**
 * The result of {@code lint --fix}: per file, what was (or would be) written.
 *
 * @param written the files were written; otherwise this is a preview and nothing changed
 */
public record FixReport(List<FilePlan> files, boolean written) {

    public static final int EXIT_OK = 0;
    public static final int EXIT_NOT_ALL_FIXED = 1;
    public static final int EXIT_REFUSED = 2;

    public FixReport {
        files = List.copyOf(files);
    }

    /** 2 when a file was refused (a secure migration, ...), 1 when a finding could not be fixed, else 0. */
    public int exitCode() {
        if (files.stream().anyMatch(f -> f.refused().isPresent())) {
            return EXIT_REFUSED;
        }
        return files.stream().anyMatch(f -> !f.notFixable().isEmpty()) ? EXIT_NOT_ALL_FIXED : EXIT_OK;
    }

    /** The preview (unified diffs of changed and new files) or what was written, then fixes and what is left. */
    public String render() {
        StringBuilder out = new StringBuilder();
        int fixed = 0;
        int left = 0;
        int created = 0;
        for (FilePlan plan : files) {
            if (plan.refused().isPresent()) {
                out.append(plan.file()).append(": ").append(plan.refused().get()).append('\n');
                continue;
            }
            if (!plan.fixed().equals(plan.original())) {
                out.append(UnifiedDiff.of(plan.file().toString(), plan.file().toString(), plan.original(), plan.fixed()));
            }
            for (FilePlan.NewFile n : plan.newFiles()) {
                out.append(UnifiedDiff.of("/dev/null", n.path().toString(), "", n.text()));
            }
            plan.manifest().ifPresent(m -> {
                if (!m.added().isEmpty()) {
                    out.append(UnifiedDiff.of(m.manifest().toString(), m.manifest().toString(), m.before(), m.after()));
                }
                m.note().ifPresent(note -> out.append("note: ").append(note).append('\n'));
            });
            for (FilePlan.Applied a : plan.applied()) {
                out.append("fixed: ").append(a.finding().location()).append(" [").append(a.finding().ruleId())
                        .append("] ").append(a.description()).append('\n');
            }
            for (FilePlan.Unfixed u : plan.notFixable()) {
                out.append("not fixable: ").append(u.finding().location()).append(" [").append(u.finding().ruleId())
                        .append("] ").append(u.reason()).append('\n');
            }
            for (FilePlan.NewFile n : plan.newFiles()) {
                out.append(written ? "created " : "would create ").append(n.path()).append('\n');
            }
            fixed += plan.applied().size();
            left += plan.notFixable().size();
            created += plan.newFiles().size();
        }
        out.append(fixed).append(" fixed, ").append(left).append(" not fixable, ").append(created)
                .append(" new migration(s); ").append(written ? "files written"
                        : "preview only, nothing written: run again with --write to apply").append('\n');
        return out.toString();
    }
}
