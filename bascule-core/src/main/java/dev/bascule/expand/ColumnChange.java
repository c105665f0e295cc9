package dev.bascule.expand;

import dev.bascule.error.BasculeException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What an expand/contract change does to one column. */
public sealed interface ColumnChange permits ColumnChange.Rename, ColumnChange.ChangeType {

    TableName table();

    /** The existing column (exact name). */
    String column();

    /** The column the next release's code uses (exact name). */
    String newColumn();

    /**
     * {@code TABLE.OLD -> NEW}: code moves from {@code OLD} to {@code NEW}; the values are copied unchanged.
     */
    record Rename(TableName table, String column, String newColumn) implements ColumnChange {
        public Rename {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(newColumn, "newColumn");
        }
    }

    /**
     * {@code TABLE.COL TYPE [USING EXPR]}: code moves from {@code COL} to {@code newColumn} of type {@code newType}.
     *
     * @param using        how old values become new ones, written over the table's columns as in
     *                     {@code ALTER COLUMN ... TYPE ... USING}; empty: PostgreSQL's assignment cast
     * @param reverseUsing how a value the new code writes becomes an old one (phase 2 keeps the old column
     *                     current for the code still running), written over the table's columns with
     *                     {@code newColumn} in it; empty: the assignment cast back to the old type
     * @param newColumn    the new column's name; it keeps it after phase 3 (see docs/expand-contract.md for why
     *                     the old name cannot be taken back in the same three releases)
     */
    record ChangeType(TableName table, String column, String newType, Optional<String> using,
                      Optional<String> reverseUsing, String newColumn) implements ColumnChange {
        public ChangeType {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(newType, "newType");
            Objects.requireNonNull(using, "using");
            Objects.requireNonNull(reverseUsing, "reverseUsing");
            Objects.requireNonNull(newColumn, "newColumn");
            using = using.map(String::strip).filter(s -> !s.isEmpty());
            reverseUsing = reverseUsing.map(String::strip).filter(s -> !s.isEmpty());
            newType = newType.strip();
        }

        /** The default temporary name of the new column: {@code COL_new}. */
        public static String defaultNewColumn(String column) {
            return column + "_new";
        }
    }

    /** {@code --rename-column TABLE.OLD NEW}; names are read as PostgreSQL reads identifiers. */
    public static Rename rename(String tableDotColumn, String newName) {
        String[] tc = splitColumnReference(tableDotColumn);
        String target = identifier(newName, "the new column name");
        return new Rename(table(tc), tc[tc.length - 1], target);
    }

    /** {@code --change-type TABLE.COL TYPE [--using EXPR] [--reverse-using EXPR] [--as NEW_NAME]}. */
    public static ChangeType changeType(String tableDotColumn, String newType, String using, String reverseUsing,
                                 String newName) {
        String[] tc = splitColumnReference(tableDotColumn);
        String column = tc[tc.length - 1];
        if (newType == null || newType.isBlank()) {
            throw new BasculeException.Configuration("change type of " + tableDotColumn + ": name the new type,"
                    + " e.g. bigint");
        }
        String target = newName == null ? ChangeType.defaultNewColumn(column) : identifier(newName, "the new column name");
        return new ChangeType(table(tc), column, newType, Optional.ofNullable(using), Optional.ofNullable(reverseUsing),
                target);
    }

    private static TableName table(String[] tc) {
        return tc.length == 3 ? new TableName(Optional.of(tc[0]), tc[1]) : TableName.of(tc[0]);
    }

    /** {@code table.column} or {@code schema.table.column}, each part an identifier (quoted or folded). */
    private static String[] splitColumnReference(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        String source = text == null ? "" : text.strip();
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == '.' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        if (parts.size() < 2 || parts.size() > 3) {
            throw new BasculeException.Configuration("'" + source + "' is not TABLE.COLUMN: write for example"
                    + " moves.status (or schema.moves.status)");
        }
        String[] names = new String[parts.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = identifier(parts.get(i), "'" + source + "'");
        }
        return names;
    }

    private static String identifier(String text, String what) {
        String name = text == null ? null : SqlText.parseIdentifier(text);
        if (name == null) {
            throw new BasculeException.Configuration(what + ": '" + text + "' is not an identifier; write a name"
                    + " like status, or \"Status\" in double quotes for an exact name");
        }
        return name;
    }
}
