package dev.bascule.run;

import dev.bascule.catalog.Migration;
import dev.bascule.error.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java API's default listener: progress through SLF4J (logger {@code dev.bascule}), as every Java library logs,
 * so an application sees what its migrations did in its own logs. Never logs a migration's text.
 */
public final class LoggingListener implements MigrationListener {

    private final Logger log = LoggerFactory.getLogger("dev.bascule");

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warning(Problem problem) {
        log.warn(problem.toString());
    }

    @Override
    public void starting(Migration migration) {
        log.debug("applying {}", migration.fileName());
    }

    @Override
    public void applied(Migration migration, long executionMs) {
        log.info("applied {} ({} ms)", migration.fileName(), executionMs);
    }
}
