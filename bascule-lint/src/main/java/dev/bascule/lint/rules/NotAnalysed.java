package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Ddl;

/** A statement the parser could not follow: no rule looked at it. */
public final class NotAnalysed extends StatementRule {

    @Override
    public String id() {
        return "not-analysed";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public String summary() {
        return "A statement the linter could not analyse, so no rule checked it (an error when the runner "
                + "refuses the whole file: not UTF-8, an unterminated quote, an unknown directive).";
    }

    @Override
    public String why() {
        return "Silence about a statement must not be read as approval: this says which ones were skipped.";
    }

    @Override
    public String fix() {
        return "Review the statement by hand; report the shape to the Bascule maintainers if it is valid SQL.";
    }

    @Override
    void check(MigrationFile m, int index, Ddl ddl, FindingSink out) {
        if (ddl instanceof Ddl.NotAnalysed n) {
            if (m.script().error() != null) {
                // The runner's script engine refuses the whole file: it would fail before running anything.
                out.report(index, n.at(), Severity.ERROR, "not analysed: " + n.reason() + "; the runner refuses "
                        + "this file too", "", null);
            } else {
                out.report(index, n.at(), "not analysed: " + n.reason(), "", null);
            }
        }
    }
}
