package dev.bascule.run;

import dev.bascule.Settings;
import dev.bascule.catalog.Migration;
import dev.bascule.history.AdvisoryLock;
import dev.bascule.sql.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code migrate} would send, in order, without sending it: the session settings, the lock, each migration's
 * statements inside its transaction (or one by one), and the history rows. Secure migrations show positions only.
 */
final class DryRun {

    private DryRun() {
    }

    static List<String> script(Settings settings, List<PreparedMigration> prepared) {
        List<String> out = new ArrayList<>();
        out.add("-- bascule migrate --dry-run: " + prepared.size() + " migration(s) for " + settings.environment()
                + "; nothing below was sent");
        settings.role().ifPresent(r -> out.add("SET ROLE \"" + r + "\";"));
        out.add("SELECT pg_try_advisory_lock(" + AdvisoryLock.keyFor(settings.history()) + "); -- polled for up to "
                + settings.lockWait().toSeconds() + " s");
        for (PreparedMigration p : prepared) {
            Migration m = p.migration();
            out.add("");
            out.add("-- " + m.fileName() + " (" + m.kind().label() + ", " + (p.transactional() ? "one transaction"
                    : "no transaction: statement by statement") + ")");
            out.add("RESET ALL; SET lock_timeout = " + settings.lockTimeout().toMillis() + "; SET statement_timeout = "
                    + settings.statementTimeout().toMillis() + settings.role().map(r -> "; SET ROLE \"" + r + "\"").orElse("") + ";");
            String row = "INSERT INTO " + settings.history().qualifiedName() + " (version, name, kind, script, checksum,"
                    + " success) VALUES (" + m.version() + ", '" + m.name().replace("'", "''") + "', '" + m.kind().label()
                    + "', '" + m.fileName().replace("'", "''") + "', '" + m.checksum() + "', " + p.transactional() + ");";
            if (p.transactional()) {
                out.add("BEGIN;");
            } else {
                out.add(row.replace(", true);", ", false);") + " -- recorded as failed until its last statement succeeds");
            }
            for (Statement s : p.script().statements()) {
                if (m.secret()) {
                    out.add("-- " + s.sourceName() + ":" + s.line() + " " + s.kind() + " (secure migration: text not shown)");
                } else {
                    out.add(s.directive(dev.bascule.sql.DirectiveKind.BATCH).map(d -> "-- bascule:batch " + d.argument()
                            + " (run in keyset batches)\n").orElse("") + s.sql()
                            + (s.copyData() != null ? "\n" + s.copyData() + "\\." : ""));
                }
            }
            out.add(p.transactional() ? row : "UPDATE " + settings.history().qualifiedName()
                    + " SET success = true WHERE version = " + m.version() + ";");
            if (p.transactional()) {
                out.add("COMMIT;");
            }
        }
        out.add("SELECT pg_advisory_unlock(" + AdvisoryLock.keyFor(settings.history()) + ");");
        return out;
    }
}
