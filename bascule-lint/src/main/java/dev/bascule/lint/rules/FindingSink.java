package dev.bascule.lint.rules;

import dev.bascule.lint.model.Finding;
import dev.bascule.lint.model.LockMode;
import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.QName;
import dev.bascule.sql.Token;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Collects the findings of one rule on one file, filling in file, position, severity and lock. */
public final class FindingSink {

    private final Rule rule;
    private final MigrationFile migration;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<Finding, List<String>> assumedVolatile = new IdentityHashMap<>();

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
    public void report(int index, Token at, Severity severity, String message, String safeSql, QName table) {
        Token where = at != null ? at : migration.statement(index).first();
        findings.add(new Finding(rule.id(), severity, migration.statement(index).file(), where.line(), where.column(),
                message, migration.lock(index), safeSql, table == null ? null : table.key()));
    }

    /**
     * As {@link #report(int, Token, String, String, QName)} for a finding that holds only while the named
     * functions are taken as volatile: a file linted earlier in the same run that declares them all IMMUTABLE or
     * STABLE withdraws it.
     */
    public void reportAssumingVolatile(int index, Token at, String message, String safeSql, QName table,
                                       List<String> functions) {
        report(index, at, message, safeSql, table);
        assumedVolatile.put(findings.get(findings.size() - 1), List.copyOf(functions));
    }

    /**
     * Reports a problem at a token of {@code file} outside the statements that run now (a function body), taking
     * no lock.
     */
    public void reportAt(String file, Token at, Severity severity, String message, String safeSql, QName table) {
        findings.add(new Finding(rule.id(), severity, file, at.line(), at.column(), message,
                LockMode.NONE, safeSql, table == null ? null : table.key()));
    }

    /** Reports a problem about the file as a whole, located at its first statement (or line 1 if empty). */
    public void reportFile(String message, String safeSql) {
        boolean empty = migration.statements().isEmpty();
        int line = empty ? 1 : migration.statement(0).line();
        int column = empty ? 1 : migration.statement(0).column();
        findings.add(new Finding(rule.id(), rule.defaultSeverity(), migration.file(), line, column, message,
                LockMode.NONE, safeSql, null));
    }

    public List<Finding> findings() {
        return findings;
    }

    /** The functions a finding of this sink takes as volatile, or {@code null} when it assumes nothing. */
    public List<String> assumedVolatile(Finding finding) {
        return assumedVolatile.get(finding);
    }
}
