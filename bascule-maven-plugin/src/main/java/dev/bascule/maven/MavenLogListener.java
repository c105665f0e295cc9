package dev.bascule.maven;

import dev.bascule.catalog.Migration;
import dev.bascule.error.Problem;
import dev.bascule.run.MigrationListener;
import org.apache.maven.plugin.logging.Log;

/** Bascule's progress in the build log: a line per migration applied, waits and warnings. */
final class MavenLogListener implements MigrationListener {

    private final Log log;

    MavenLogListener(Log log) {
        this.log = log;
    }

    @Override
    public void info(String message) {
        log.info("bascule: " + message);
    }

    @Override
    public void warning(Problem problem) {
        log.warn("bascule: " + problem);
    }

    @Override
    public void starting(Migration migration) {
        log.info("bascule: applying " + migration.fileName());
    }

    @Override
    public void applied(Migration migration, long executionMs) {
        log.info("bascule: applied " + migration.fileName() + " (" + executionMs + " ms)");
    }
}
