package dev.bascule.run.batch;

import dev.bascule.sql.Token;
import dev.bascule.sql.TokenType;

import java.util.HashMap;
import java.util.Map;

/**
 * The SQL one batch sends: the bound query finding the next upper key, and the statement rewritten with the
 * key-range predicate. Key values travel as JDBC parameters in their text form, cast to the key's type, so every
 * type with a btree order round-trips exactly and the comparison happens in PostgreSQL, never in Java.
 *
 * <p>The bound query is {@code SELECT key FROM t WHERE key > $last ORDER BY key LIMIT 1 OFFSET size-1}: an index
 * (only) scan of the key index that steps over {@code size} entries from the cursor. Unlike seed 002's loop, whose
 * OFFSET counts rows of a predicate its own UPDATE changes (so it skips rows, and rescans all earlier ones on every
 * batch), this OFFSET counts keys after the cursor, which the statement never changes (an UPDATE of the key column
 * is refused): it costs what reading {@code size} index entries costs, the same as a {@code LIMIT size} subquery
 * with {@code max()}, and returns no row once fewer than {@code size} keys remain, which marks the last batch.
 */
final class BatchSql {

    /** The table alias of the bound query, so that ORDER BY names the column, not the text output column. */
    private static final String WALK = "bascule_walk";

    private final BatchShape shape;
    private final ResolvedKey key;
    private final int size;

    BatchSql(BatchShape shape, ResolvedKey key, int size) {
        this.shape = shape;
        this.key = key;
        this.size = size;
    }

    /** The next upper bound: one parameter (the last key) when {@code afterLast}, none for the first batch. */
    String boundQuery(boolean afterLast) {
        String column = WALK + "." + key.quotedKeyColumn();
        return "SELECT " + column + "::text FROM " + (shape.keyTable().only() ? "ONLY " : "") + key.qualifiedTable()
                + " AS " + WALK + (afterLast ? " WHERE " + column + " > " + cast() : "")
                + " ORDER BY " + column + " LIMIT 1 OFFSET " + (size - 1);
    }

    /**
     * The statement limited to {@code key > ? AND key <= ?}: parameters in that order, each present only when
     * asked for. With neither (a table that fits one batch) it is the statement as written. Question marks of
     * PostgreSQL operators ({@code jsonb ? 'k'}) are doubled, JDBC's escape for a literal {@code ?}.
     */
    String statement(boolean lower, boolean upper) {
        String reference = shape.keyTable().reference() + "." + key.quotedKeyColumn();
        String predicate = lower && upper ? reference + " > " + cast() + " AND " + reference + " <= " + cast()
                : lower ? reference + " > " + cast()
                : upper ? reference + " <= " + cast()
                : null;
        StatementTokens tokens = shape.tokens();
        Map<Integer, String> before = new HashMap<>();
        Map<Integer, String> after = new HashMap<>();
        if (predicate != null) {
            if (shape.hasWhere()) {
                before.put(shape.whereFirst(), "(");
                after.put(shape.whereLast(), ") AND " + predicate);
            } else {
                after.put(shape.appendAfter(), " WHERE " + predicate);
            }
        }
        String sql = shape.statement().sql();
        StringBuilder out = new StringBuilder(sql.length() + 128);
        int copied = 0;
        for (int i = 0; i < tokens.end(); i++) {
            Token t = tokens.get(i);
            out.append(sql, copied, t.start());
            out.append(before.getOrDefault(i, ""));
            out.append(t.type() == TokenType.OPERATOR ? t.text().replace("?", "??") : t.text());
            out.append(after.getOrDefault(i, ""));
            copied = t.end();
        }
        return out.toString();
    }

    private String cast() {
        return "CAST(? AS " + key.typeSql() + ")";
    }
}
