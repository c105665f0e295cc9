package dev.bascule.trace;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The result of {@code bascule trace}.
 *
 * @param target           the database traced (its name)
 * @param shadow           the shadow database's name (dropped by the time the report is returned)
 * @param origin           how the shadow got the target's schema
 * @param serverVersionNum the server's {@code server_version_num}
 * @param migrations       every migration or file traced, in order; the last one failed when {@link #failed()}
 * @param serverWide       what the traced scripts changed outside the shadow database (roles, memberships, ...)
 *                         and whether it was undone, one line each
 */
public record TraceReport(String target, String shadow, ShadowOrigin origin, int serverVersionNum,
                          List<MigrationTrace> migrations, List<String> serverWide) {

    public TraceReport {
        migrations = List.copyOf(migrations);
        serverWide = List.copyOf(serverWide);
    }

    /** Every statement traced, in order. */
    public Stream<StatementTrace> statements() {
        return migrations.stream().flatMap(m -> m.statements().stream());
    }

    public boolean failed() {
        return migrations.stream().anyMatch(MigrationTrace::failed);
    }

    /**
     * The report as {@code text}, {@code json} or {@code sarif}; files under {@code workingDir} are named relative
     * to it.
     *
     * @throws IllegalArgumentException for another format
     */
    public String render(String format, Path workingDir) {
        return switch (format) {
            case "json" -> TraceJson.render(this);
            case "sarif" -> TraceSarif.render(this, workingDir);
            case "text" -> new TraceText(workingDir).render(this);
            default -> throw new IllegalArgumentException("unknown trace format '" + format + "': use text, json or sarif");
        };
    }

    /** The statement that failed, if one did (tracing stops there). */
    public Optional<StatementTrace> failure() {
        return statements().filter(StatementTrace::failed).findFirst();
    }
}
