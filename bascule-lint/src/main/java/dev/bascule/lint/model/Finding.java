package dev.bascule.lint.model;

/**
 * One problem found in a migration.
 *
 * @param file            the file as given to the linter
 * @param line            1-based line of the offending statement or sub-command
 * @param column          1-based column
 * @param message         one line: what is wrong and why it hurts
 * @param lock            the lock the statement takes ({@link LockMode#NONE} when it takes none or is unknown)
 * @param safeAlternative concrete SQL doing the same thing safely, or an empty string when there is none
 * @param table           the table concerned (for row-count based escalation), or {@code null}
 */
public record Finding(String ruleId, Severity severity, String file, int line, int column, String message,
                      LockMode lock, String safeAlternative, String table) {

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(ruleId, newSeverity, file, line, column, message, lock, safeAlternative, table);
    }

    /** The same finding in a file shown under another name (relative to a project folder, say). */
    public Finding inFile(String shownName) {
        return new Finding(ruleId, severity, shownName, line, column, message, lock, safeAlternative, table);
    }

    public String location() {
        return file + ":" + line + ":" + column;
    }
}
