package dev.bascule.lint.rules;

import dev.bascule.lint.Finding;
import dev.bascule.lint.MigrationFile;
import dev.bascule.lint.parse.QName;
import dev.bascule.sql.Token;

import java.util.ArrayList;
import java.util.List;

/** Collects the findings of one rule on one file, filling in file, position, severity and lock. */
public final class FindingSink {

    private final Rule rule;
    private final MigrationFile migration;
    private final List<Finding> findings = new ArrayList<>();

    public FindingSink(Rule rule, MigrationFile migration) {
        this.rule = rule;
        this.migration = migration;
    }

    /**
     * Reports a problem in statement {@code index} at token {@code at} (its first token when {@code null}).
     *
     * @param safeSql concrete SQL that does the same safely, or "" when there is nothing to run instead
     * @param table   the table concerned, for severity escalation on large tables; may be {@code null}
     */
    public void report(int index, Token at, String message, String safeSql, QName table) {
        report(index, at, rule.defaultSeverity(), message, safeSql, table);
    }

    /** As {@link #report(int, Token, String, String, QName)} with a severity other than the rule's default. */
    public void report(int index, Token at, dev.bascule.lint.Severity severity, String message, String safeSql,
                       QName table) {
        Token where = at != null ? at : migration.statement(index).first();
        findings.add(new Finding(rule.id(), severity, migration.file(), where.line(), where.column(),
                message, migration.lock(index), safeSql, table == null ? null : table.key()));
    }

    /** Reports a problem about the file as a whole, located at its first statement (or line 1 if empty). */
    public void reportFile(String message, String safeSql) {
        boolean empty = migration.statements().isEmpty();
        int line = empty ? 1 : migration.statement(0).line();
        int column = empty ? 1 : migration.statement(0).column();
        findings.add(new Finding(rule.id(), rule.defaultSeverity(), migration.file(), line, column, message,
                dev.bascule.lint.LockMode.NONE, safeSql, null));
    }

    public List<Finding> findings() {
        return findings;
    }
}
