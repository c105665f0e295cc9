package dev.bascule.lint.parse;

import dev.bascule.sql.Token;

/**
 * One column of CREATE TABLE or ALTER TABLE ... ADD COLUMN with the constraints the rules look at.
 *
 * @param defaultText     the DEFAULT expression as written, or {@code null} when there is none
 * @param references      the referenced table of an inline REFERENCES, or {@code null}
 * @param checkText       an inline {@code CHECK (...)} as written, or {@code null}
 * @param generatedStored {@code GENERATED ALWAYS AS (...) STORED}
 * @param identity        {@code GENERATED ... AS IDENTITY}
 */
public record ColumnDef(Token at, String name, TypeName type, boolean notNull, boolean primaryKey, boolean unique,
                        String defaultText, QName references, String checkText, boolean generatedStored,
                        boolean identity) {

    public boolean hasDefault() {
        return defaultText != null;
    }
}
