package dev.bascule.fizz;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Interprets one {@code create_table("name", {options}) { ... }} with Pop's rules: columns in the order
 * written; a table without a primary column gets Pop's implicit {@code id integer} primary key (a SERIAL) in
 * front; unless {@code t.DisableTimestamps()} or {@code {"timestamps": false}}, {@code created_at} and
 * {@code updated_at} (timestamp NOT NULL) are appended when the block did not define both.
 */
final class FizzTableBlock {

    private static final String USAGE = "create_table(\"table\") { t.Column(\"name\", \"type\", {options}) ... }";
    private static final Map<String, String> BLOCK_USAGE = Map.of(
            "Column", "t.Column(\"name\", \"type\", {options})",
            "Timestamps", "t.Timestamps()",
            "Timestamp", "t.Timestamp(\"name\")",
            "DisableTimestamps", "t.DisableTimestamps()",
            "ForeignKey", "t.ForeignKey(\"column\", {\"table\": [\"id\"]}, {options})",
            "Index", "t.Index(\"column\" or [\"col1\", \"col2\"], {options})");

    private final String sourceName;
    private final String table;
    private final List<FizzColumn> columns = new ArrayList<>();
    private final Set<String> columnNames = new HashSet<>();
    private final List<FizzForeignKey> foreignKeys = new ArrayList<>();
    private final List<FizzIndex> indexes = new ArrayList<>();
    private boolean timestamps;

    private FizzTableBlock(String sourceName, String table, boolean timestamps) {
        this.sourceName = sourceName;
        this.table = table;
        this.timestamps = timestamps;
    }

    static List<String> translate(String sourceName, FizzCall call) {
        FizzArguments args = new FizzArguments(sourceName, call, USAGE).expectCount(1, 2);
        String table = args.text(0, "table name");
        Map<String, FizzValue> options = args.options(1);
        boolean timestamps = !options.containsKey("timestamps") || args.flag(options, "timestamps");
        FizzTableBlock block = new FizzTableBlock(sourceName, table, timestamps);
        for (FizzCall inner : call.block() == null ? List.<FizzCall>of() : call.block()) {
            block.apply(inner);
        }
        return block.finish(args);
    }

    private void apply(FizzCall call) {
        String usage = BLOCK_USAGE.get(call.name());
        if (!"t".equals(call.receiver()) || usage == null) {
            throw new FizzSyntaxError(sourceName, call.line(), call.column(), "unsupported call "
                    + call.displayName() + " inside create_table(\"" + table + "\"): Bascule's fizz support covers "
                    + "t.Column, t.Timestamps, t.Timestamp, t.DisableTimestamps, t.ForeignKey and t.Index; "
                    + "write the rest as sql(\"...\") after the block");
        }
        FizzArguments args = new FizzArguments(sourceName, call, usage);
        switch (call.name()) {
            case "Column" -> {
                args.expectCount(2, 3);
                String type = args.text(1, "column type");
                Map<String, FizzValue> options = args.options(2);
                args.checkColumnOptions(type, options);
                boolean primary = options.containsKey("primary");
                if (primary && !PostgresFizzSql.canBePrimaryKey(type)) {
                    throw args.atCall("can not use " + type + " as a primary key: fizz accepts string, uuid,"
                            + " integer or bigint primary keys");
                }
                addColumn(args, new FizzColumn(args.text(0, "column name"), type, options, primary));
            }
            case "Timestamps" -> {
                args.expectCount(0, 0);
                addTimestamps(args);
            }
            case "Timestamp" -> {
                args.expectCount(1, 1);
                addColumn(args, new FizzColumn(args.text(0, "column name"), "timestamp", Map.of(), false));
            }
            case "DisableTimestamps" -> {
                args.expectCount(0, 0);
                timestamps = false;
            }
            case "ForeignKey" -> {
                args.expectCount(2, 3);
                foreignKeys.add(FizzTranslator.foreignKey(args, table, args.text(0, "column"), 1, 2));
            }
            default -> {
                args.expectCount(1, 2);
                indexes.add(FizzTranslator.index(args, table, args.names(0, "index columns"), args.options(1)));
            }
        }
    }

    private void addTimestamps(FizzArguments args) {
        addColumn(args, new FizzColumn("created_at", "timestamp", Map.of(), false));
        addColumn(args, new FizzColumn("updated_at", "timestamp", Map.of(), false));
    }

    private void addColumn(FizzArguments args, FizzColumn column) {
        if (!columnNames.add(column.name())) {
            throw args.atCall("duplicated column " + column.name() + " in create_table(\"" + table
                    + "\"): each column may be defined once (t.Timestamps() defines created_at and updated_at)");
        }
        columns.add(column);
    }

    private List<String> finish(FizzArguments args) {
        boolean hasPrimary = columns.stream().anyMatch(FizzColumn::primary);
        if (!hasPrimary) {
            if (columnNames.contains("id")) {
                throw args.atCall("create_table(\"" + table + "\") defines a column id that is not marked primary,"
                        + " and Pop would add its implicit integer id primary key beside it: add {\"primary\": true}"
                        + " to the id column");
            }
            columns.add(0, new FizzColumn("id", "integer", Map.of(), true));
            columnNames.add("id");
        }
        if (columns.stream().filter(FizzColumn::primary).count() > 1) {
            throw args.atCall("create_table(\"" + table + "\") marks more than one column primary; fizz supports"
                    + " one primary column here: write a composite key as sql(\"ALTER TABLE ... ADD PRIMARY KEY"
                    + " (...)\")");
        }
        if (timestamps && !(columnNames.contains("created_at") && columnNames.contains("updated_at"))) {
            addTimestamps(args);
        }
        return PostgresFizzSql.createTable(table, columns, foreignKeys, indexes);
    }
}
