package dev.bascule.run.audit;

import java.util.Locale;

/** The three moments of a DataChange audit, each written to a CSV file of its own name. */
public enum AuditStep {
    /** A SELECT of the rows about to change, before the change. */
    PRE,
    /** The data statement itself; its RETURNING rows are the rows changed. */
    CHANGE,
    /** A SELECT of the changed rows, after the change. */
    POST;

    /** {@code pre}, {@code change}, {@code post}: the word of the directive. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code pre.csv}, ... */
    public String fileName() {
        return word() + ".csv";
    }
}
