package dev.bascule.trace;

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

    /** The statement that failed, if one did (tracing stops there). */
    public Optional<StatementTrace> failure() {
        return statements().filter(StatementTrace::failed).findFirst();
    }
}
