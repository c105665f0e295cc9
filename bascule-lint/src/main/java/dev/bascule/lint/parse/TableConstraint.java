package dev.bascule.lint.parse;

import dev.bascule.sql.Token;

/**
 * A table constraint of CREATE TABLE or ALTER TABLE ... ADD.
 *
 * @param name       the constraint name, or {@code null} when PostgreSQL generates one
 * @param usingIndex {@code UNIQUE/PRIMARY KEY USING INDEX idx} (built beforehand, so no index build under lock)
 * @param references the referenced table of a FOREIGN KEY, else {@code null}
 * @param text       the constraint text as written, for messages
 */
public record TableConstraint(Token at, String name, Kind kind, boolean notValid, boolean usingIndex,
                              QName references, String text) {

    public enum Kind { PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK, EXCLUDE, NOT_NULL }
}
