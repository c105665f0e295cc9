package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;

/** No down migration for a file when the environment requires reversibility. */
public final class RequireDownMigration implements Rule {

    @Override
    public String id() {
        return "require-down-migration";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "No down migration, in an environment that requires every migration to be reversible.";
    }

    @Override
    public String why() {
        return "The environment's policy is to roll back by running down migrations; a migration without one "
                + "cannot be undone when its release has to be.";
    }

    @Override
    public String fix() {
        return "Write the matching .down.sql that undoes this file (drop what it creates, restore what it "
                + "drops), or relax the environment's reversibility setting.";
    }

    @Override
    public void check(MigrationFile m, FindingSink out) {
        if (m.context().reversibilityRequired() && !m.context().hasDownMigration()) {
            String down = m.file().replaceFirst("(?i)\\.up\\.sql$", ".down.sql");
            out.reportFile("no down migration for " + m.file() + " and this environment requires one",
                    "-- " + (down.equals(m.file()) ? m.file() + " (down)" : down) + ": statements undoing this file");
        }
    }
}
