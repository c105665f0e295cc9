package dev.bascule.fizz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates Pop fizz migrations ({@code *.up.fizz}) to PostgreSQL the way gobuffalo/fizz's PostgreSQL
 * translator does, for the operations Pop-era projects such as MilMove use: create_table (t.Column with
 * primary/null/default/default_raw/size, t.Timestamps, t.Timestamp, t.DisableTimestamps, t.ForeignKey,
 * t.Index), add_column, change_column, rename_column, drop_column, add_index, drop_index, rename_index,
 * add_foreign_key, drop_foreign_key, rename_table, drop_table and sql()/raw(). Anything else (for example
 * {@code exec}, which shells out) is a {@link FizzSyntaxError} naming file, line and column.
 */
public final class FizzTranslator {

    /** The operations this translator supports, in the order docs and error messages list them. */
    public static final List<String> SUPPORTED_OPERATIONS = List.of("create_table", "drop_table", "rename_table",
            "add_column", "change_column", "rename_column", "drop_column", "add_index", "drop_index",
            "rename_index", "add_foreign_key", "drop_foreign_key", "sql", "raw");

    private FizzTranslator() {
    }

    /**
     * The PostgreSQL for a fizz script: one statement per fizz operation (a create_table with t.Index also
     * yields its CREATE INDEX statements), each ending with {@code ;}, separated by a newline. The text of a
     * {@code sql("...")} call is passed through as one item and may itself hold several statements.
     *
     * @param sourceName the file name used in error messages
     * @throws FizzSyntaxError for a syntax error or an unsupported operation
     */
    public static String translate(String sourceName, String fizz) {
        return String.join("\n", statements(sourceName, fizz));
    }

    /** Like {@link #translate} but keeps the statements apart, in script order. */
    public static List<String> statements(String sourceName, String fizz) {
        List<String> out = new ArrayList<>();
        for (FizzCall call : FizzParser.parse(sourceName, fizz)) {
            out.addAll(operation(sourceName, call));
        }
        return List.copyOf(out);
    }

    private static List<String> operation(String sourceName, FizzCall call) {
        if (!call.receiver().isEmpty() || !SUPPORTED_OPERATIONS.contains(call.name())) {
            throw new FizzSyntaxError(sourceName, call.line(), call.column(), "unsupported fizz operation "
                    + call.displayName() + ": Bascule's fizz support covers " + String.join(", ", SUPPORTED_OPERATIONS)
                    + "; rewrite this step as sql(\"...\") or move it to a .sql migration");
        }
        if (call.block() != null && !call.name().equals("create_table")) {
            throw new FizzSyntaxError(sourceName, call.line(), call.column(), call.name()
                    + " does not take a { ... } block; only create_table does: remove the block");
        }
        return switch (call.name()) {
            case "create_table" -> FizzTableBlock.translate(sourceName, call);
            case "drop_table" -> {
                FizzArguments a = args(sourceName, call, "drop_table(\"table\")", 1, 1);
                yield List.of(PostgresFizzSql.dropTable(a.text(0, "table name")));
            }
            case "rename_table" -> {
                FizzArguments a = args(sourceName, call, "rename_table(\"old\", \"new\")", 2, 2);
                yield List.of(PostgresFizzSql.renameTable(a.text(0, "old table name"), a.text(1, "new table name")));
            }
            case "add_column", "change_column" -> List.of(column(sourceName, call));
            case "rename_column" -> {
                FizzArguments a = args(sourceName, call, "rename_column(\"table\", \"old\", \"new\")", 3, 3);
                yield List.of(PostgresFizzSql.renameColumn(a.text(0, "table name"), a.text(1, "old column name"),
                        a.text(2, "new column name")));
            }
            case "drop_column" -> {
                FizzArguments a = args(sourceName, call, "drop_column(\"table\", \"column\")", 2, 2);
                yield List.of(PostgresFizzSql.dropColumn(a.text(0, "table name"), a.text(1, "column name")));
            }
            case "add_index" -> {
                FizzArguments a = args(sourceName, call,
                        "add_index(\"table\", \"column\" or [\"col1\", \"col2\"], {options})", 2, 3);
                String table = a.text(0, "table name");
                yield List.of(PostgresFizzSql.addIndex(table, index(a, table, a.names(1, "index columns"),
                        a.options(2))));
            }
            case "drop_index" -> {
                FizzArguments a = args(sourceName, call, "drop_index(\"table\", \"index\")", 2, 2);
                a.text(0, "table name");
                yield List.of(PostgresFizzSql.dropIndex(a.text(1, "index name")));
            }
            case "rename_index" -> {
                FizzArguments a = args(sourceName, call, "rename_index(\"table\", \"old\", \"new\")", 3, 3);
                a.text(0, "table name");
                yield List.of(PostgresFizzSql.renameIndex(a.text(1, "old index name"), a.text(2, "new index name")));
            }
            case "add_foreign_key" -> {
                FizzArguments a = args(sourceName, call,
                        "add_foreign_key(\"table\", \"column\", {\"ref_table\": [\"id\"]}, {options})", 3, 4);
                String table = a.text(0, "table name");
                yield List.of(PostgresFizzSql.addForeignKey(table, foreignKey(a, table, a.text(1, "column"), 2, 3)));
            }
            case "drop_foreign_key" -> {
                FizzArguments a = args(sourceName, call, "drop_foreign_key(\"table\", \"fk_name\", {options})", 2, 3);
                yield List.of(PostgresFizzSql.dropForeignKey(a.text(0, "table name"), a.text(1, "foreign key name"),
                        a.flag(a.options(2), "if_exists")));
            }
            default -> rawSql(args(sourceName, call, call.name() + "(\"SQL\")", 1, 1));
        };
    }

    private static FizzArguments args(String sourceName, FizzCall call, String usage, int min, int max) {
        return new FizzArguments(sourceName, call, usage).expectCount(min, max);
    }

    private static String column(String sourceName, FizzCall call) {
        FizzArguments a = args(sourceName, call, call.name() + "(\"table\", \"column\", \"type\", {options})", 3, 4);
        String type = a.text(2, "column type");
        Map<String, FizzValue> options = a.options(3);
        a.checkColumnOptions(type, options);
        // fizz's add_column/change_column never mark a column primary, whatever the options say.
        FizzColumn column = new FizzColumn(a.text(1, "column name"), type, options, false);
        String table = a.text(0, "table name");
        return call.name().equals("add_column")
                ? PostgresFizzSql.addColumn(table, column)
                : PostgresFizzSql.changeColumn(table, column);
    }

    /** fizz adds the raw text as is; a missing final semicolon is added so the next statement stays apart. */
    private static List<String> rawSql(FizzArguments a) {
        String sql = a.text(0, "SQL text").strip();
        if (sql.isEmpty()) {
            return List.of();
        }
        return List.of(sql.endsWith(";") ? sql : sql + ";");
    }

    static FizzIndex index(FizzArguments a, String table, List<String> columns, Map<String, FizzValue> options) {
        String name = a.optionalText(options, "name");
        if (name == null) {
            name = table + "_" + String.join("_", columns) + "_idx";
        }
        return new FizzIndex(name, columns, a.flag(options, "unique"));
    }

    static FizzForeignKey foreignKey(FizzArguments a, String table, String column, int refsIndex, int optionsIndex) {
        Map.Entry<String, List<String>> refs = a.references(refsIndex);
        Map<String, FizzValue> options = a.options(optionsIndex);
        String name = a.optionalText(options, "name");
        if (name == null) {
            name = table + "_" + refs.getKey() + "_" + String.join("_", refs.getValue()) + "_fk";
        }
        return new FizzForeignKey(name, column, refs.getKey(), refs.getValue(),
                a.optionalText(options, "on_update"), a.optionalText(options, "on_delete"));
    }
}
