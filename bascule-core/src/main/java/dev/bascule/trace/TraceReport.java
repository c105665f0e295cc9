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
 */
public record TraceReport(String target, String shadow, ShadowOrigin origin, int serverVersionNum,
                          List<MigrationTrace> migrations) {

    public TraceReport {
        migrations = List.copyOf(migrations);
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
