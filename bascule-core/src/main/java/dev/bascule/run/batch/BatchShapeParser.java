package dev.bascule.run.batch;

import dev.bascule.sql.Statement;
import dev.bascule.sql.TokenType;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads a statement's tokens into a {@link BatchShape}, refusing every form that batching would change. */
final class BatchShapeParser {

    /** Words that end a table reference in FROM, USING or a DELETE target: never taken for an alias. */
    private static final Set<String> NOT_ALIASES = Set.of("where", "join", "inner", "left", "right", "full", "cross",
            "natural", "on", "using", "group", "order", "limit", "offset", "fetch", "for", "window", "having", "union",
            "intersect", "except", "returning", "tablesample", "set", "select", "values", "default", "overriding");

    /** INSERT ... SELECT clauses whose meaning changes when the source is read in slices. */
    private static final Set<String> SLICE_SENSITIVE = Set.of("group", "having", "window", "limit", "offset", "fetch",
            "for", "union", "intersect", "except", "right", "full");

    /** Aggregates: INSERT ... SELECT count(*) FROM s would insert one row per batch instead of one. */
    private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "array_agg",
            "string_agg", "bool_and", "bool_or", "every", "json_agg", "jsonb_agg", "json_object_agg",
            "jsonb_object_agg", "bit_and", "bit_or", "xmlagg", "stddev", "stddev_pop", "stddev_samp", "variance",
            "var_pop", "var_samp", "percentile_cont", "percentile_disc", "mode", "range_agg", "corr", "covar_pop",
            "covar_samp");

    private static final String FORMS = "only a single-table UPDATE, DELETE or INSERT ... SELECT can be batched";

    private BatchShapeParser() {
    }

    static BatchShape parse(Statement statement) {
        StatementTokens t = new StatementTokens(statement);
        if (t.end() == 0) {
            throw t.error(0, "bascule:batch is followed by an empty statement; " + FORMS);
        }
        for (int i = 0; i < t.end(); i++) {
            if (t.type(i) == TokenType.SEMICOLON) {
                throw t.error(i, "a batched statement must be a single statement; split it and batch each one");
            }
            if (t.type(i) == TokenType.PARAMETER) {
                throw t.error(i, "a migration statement cannot use the positional parameter " + t.get(i).text());
            }
        }
        if (t.is(0, "with")) {
            throw t.error(0, "a WITH query (CTE) at the top of a statement cannot be batched: the batches would"
                    + " each run it over the whole table; move it into a subquery of the WHERE clause, or batch"
                    + " the statement it feeds");
        }
        if (t.is(0, "update")) {
            return update(t);
        }
        if (t.is(0, "delete")) {
            return delete(t);
        }
        if (t.is(0, "insert")) {
            return insert(t);
        }
        throw t.error(0, "bascule:batch is written before " + t.leadingWords(3) + ": " + FORMS
                + "; remove the directive or move it before such a statement");
    }

    private static BatchShape update(StatementTokens t) {
        int i = 1;
        boolean only = t.is(i, "only");
        if (only) {
            i++;
        }
        StringBuilder name = new StringBuilder();
        i = tableName(t, i, name);
        i = skipStar(t, i);
        Optional<String> alias = alias(t, i);
        i += aliasLength(t, i, alias);
        if (!t.is(i, "set")) {
            throw t.error(i, "expected SET after the table of UPDATE" + found(t, i));
        }
        int setStart = i + 1;
        int setEnd = findTopFrom(t, setStart, "where", "returning");
        Set<String> assigned = assignedColumns(t, setStart, setEnd);
        int clause = setEnd;
        if (t.isTop(clause, "from")) {
            clause = t.findTop(clause + 1, "where", "returning");
        }
        return finish(BatchShape.Kind.UPDATE, t, new TableRef(name.toString(), only, alias), null, assigned, clause);
    }

    private static BatchShape delete(StatementTokens t) {
        if (!t.is(1, "from")) {
            throw t.error(1, "expected FROM after DELETE" + found(t, 1));
        }
        int i = 2;
        boolean only = t.is(i, "only");
        if (only) {
            i++;
        }
        StringBuilder name = new StringBuilder();
        i = tableName(t, i, name);
        i = skipStar(t, i);
        Optional<String> alias = alias(t, i);
        i += aliasLength(t, i, alias);
        int clause = i;
        if (t.isTop(clause, "using")) {
            clause = t.findTop(clause + 1, "where", "returning");
        }
        if (clause < t.end() && !t.isTop(clause, "where", "returning")) {
            throw t.error(clause, "cannot read DELETE here" + found(t, clause) + "; expected USING, WHERE or RETURNING");
        }
        return finish(BatchShape.Kind.DELETE, t, new TableRef(name.toString(), only, alias), null, Set.of(), clause);
    }

    /** UPDATE and DELETE after their FROM or USING list: {@code clause} is at WHERE, RETURNING or the end. */
    private static BatchShape finish(BatchShape.Kind kind, StatementTokens t, TableRef target, TableRef keyTable,
                                     Set<String> assigned, int clause) {
        int whereFirst = -1;
        int whereLast = -1;
        int returning = clause;
        if (t.isTop(clause, "where")) {
            if (t.is(clause + 1, "current") && t.is(clause + 2, "of")) {
                throw t.error(clause, "WHERE CURRENT OF a cursor cannot be batched: it changes one row; remove"
                        + " bascule:batch");
            }
            returning = t.findTop(clause + 1, "returning");
            whereFirst = clause + 1;
            whereLast = returning - 1;
            if (whereLast < whereFirst) {
                throw t.error(clause, "WHERE has no condition");
            }
        }
        boolean returnsRows = t.isTop(returning, "returning");
        return new BatchShape(kind, t, target, keyTable == null ? target : keyTable, assigned, whereFirst, whereLast,
                returning - 1, returnsRows);
    }

    private static BatchShape insert(StatementTokens t) {
        if (!t.is(1, "into")) {
            throw t.error(1, "expected INTO after INSERT" + found(t, 1));
        }
        StringBuilder name = new StringBuilder();
        int i = tableName(t, 2, name);
        Optional<String> alias = Optional.empty();
        if (t.is(i, "as") && t.isIdentifier(i + 1)) {
            alias = Optional.of(t.get(i + 1).text());
            i += 2;
        }
        if (t.type(i) == TokenType.LEFT_PAREN) {
            i = afterParens(t, i);
        }
        if (t.is(i, "overriding")) {
            i += 3;
        }
        if (!t.is(i, "select")) {
            throw t.error(i, "INSERT" + (i < t.end() ? " ... " + t.get(i).text().toUpperCase(Locale.ROOT) : "")
                    + " cannot be batched: only INSERT INTO t [(columns)] SELECT ... FROM source is, batched over"
                    + " the source table's key");
        }
        int selectList = i + 1;
        if (t.is(selectList, "distinct")) {
            throw t.error(selectList, "SELECT DISTINCT cannot be batched: each batch would remove duplicates only"
                    + " within itself");
        }
        if (t.is(selectList, "all")) {
            selectList++;
        }
        int from = findTopFrom(t, selectList);
        if (from >= t.end()) {
            throw t.error(i, "INSERT ... SELECT without FROM cannot be batched: there is no source table to walk");
        }
        refuseAggregates(t, selectList, from);
        int s = from + 1;
        boolean only = t.is(s, "only");
        if (only) {
            s++;
        }
        if (t.type(s) == TokenType.LEFT_PAREN || t.is(s, "lateral")) {
            throw t.error(s, "the first FROM item of a batched INSERT ... SELECT must be a table (its key drives the"
                    + " batches), not a subquery or function");
        }
        StringBuilder source = new StringBuilder();
        s = tableName(t, s, source);
        if (t.type(s) == TokenType.LEFT_PAREN) {
            throw t.error(s, "the first FROM item of a batched INSERT ... SELECT must be a table, not a function call");
        }
        Optional<String> sourceAlias = alias(t, s);
        s += aliasLength(t, s, sourceAlias);
        if (sourceAlias.isPresent() && t.type(s) == TokenType.LEFT_PAREN) {
            s = afterParens(t, s);
        }
        int selectEnd = s;
        while (selectEnd < t.end() && !t.isTop(selectEnd, "order", "returning")
                && !(t.isTop(selectEnd, "on") && t.is(selectEnd + 1, "conflict"))) {
            if (t.isTop(selectEnd, SLICE_SENSITIVE.toArray(String[]::new))) {
                throw t.error(selectEnd, t.get(selectEnd).text().toUpperCase(Locale.ROOT) + " in a batched INSERT"
                        + " ... SELECT changes meaning when the source is read in key slices; run it unbatched, or"
                        + " batch a simpler statement");
            }
            selectEnd++;
        }
        int where = t.findTop(s, "where");
        int whereFirst = -1;
        int whereLast = -1;
        if (where < selectEnd) {
            whereFirst = where + 1;
            whereLast = selectEnd - 1;
            if (whereLast < whereFirst) {
                throw t.error(where, "WHERE has no condition");
            }
        }
        boolean returnsRows = t.findTop(selectEnd, "returning") < t.end();
        return new BatchShape(BatchShape.Kind.INSERT_SELECT, t, new TableRef(name.toString(), false, alias),
                new TableRef(source.toString(), only, sourceAlias), Set.of(), whereFirst, whereLast, selectEnd - 1,
                returnsRows);
    }

    /** Aggregates and window functions of the outer SELECT list (not of its subqueries). */
    private static void refuseAggregates(StatementTokens t, int from, int to) {
        Deque<Boolean> subquery = new ArrayDeque<>();
        for (int i = from; i < to; i++) {
            TokenType type = t.type(i);
            if (type == TokenType.LEFT_PAREN) {
                subquery.push(t.is(i + 1, "select") || t.is(i + 1, "with"));
            } else if (type == TokenType.RIGHT_PAREN && !subquery.isEmpty()) {
                subquery.pop();
            } else if (type == TokenType.WORD && !subquery.contains(Boolean.TRUE)) {
                String word = t.get(i).text().toLowerCase(Locale.ROOT);
                if ((AGGREGATES.contains(word) && t.type(i + 1) == TokenType.LEFT_PAREN) || word.equals("over")) {
                    throw t.error(i, "the aggregate or window function " + word + " in a batched INSERT ... SELECT"
                            + " would be computed per batch, not over the whole source; run it unbatched");
                }
            }
        }
    }

    /** The first depth-0 FROM that starts a clause (not {@code IS [NOT] DISTINCT FROM}) or one of {@code others}. */
    private static int findTopFrom(StatementTokens t, int from, String... others) {
        for (int i = from; i < t.end(); i++) {
            if (t.isTop(i, "from") && !t.is(i - 1, "distinct")) {
                return i;
            }
            if (others.length > 0 && t.isTop(i, others)) {
                return i;
            }
        }
        return t.end();
    }

    /** {@code name}, {@code schema.name} (or {@code db.schema.name}), appended as written to {@code into}. */
    private static int tableName(StatementTokens t, int i, StringBuilder into) {
        if (!t.isIdentifier(i)) {
            throw t.error(i, "expected a table name" + found(t, i));
        }
        into.append(t.get(i).text());
        i++;
        while (t.type(i) == TokenType.DOT && t.isIdentifier(i + 1)) {
            into.append('.').append(t.get(i + 1).text());
            i += 2;
        }
        return i;
    }

    /** {@code UPDATE t * SET}: the old spelling of "and its children", which is the default anyway. */
    private static int skipStar(StatementTokens t, int i) {
        return t.type(i) == TokenType.OPERATOR && t.get(i).text().equals("*") ? i + 1 : i;
    }

    private static Optional<String> alias(StatementTokens t, int i) {
        if (t.is(i, "as")) {
            if (!t.isIdentifier(i + 1)) {
                throw t.error(i + 1, "expected an alias after AS" + found(t, i + 1));
            }
            return Optional.of(t.get(i + 1).text());
        }
        if (t.type(i) == TokenType.QUOTED_IDENTIFIER
                || (t.type(i) == TokenType.WORD && !NOT_ALIASES.contains(t.get(i).text().toLowerCase(Locale.ROOT)))) {
            return Optional.of(t.get(i).text());
        }
        return Optional.empty();
    }

    private static int aliasLength(StatementTokens t, int i, Optional<String> alias) {
        return alias.isEmpty() ? 0 : t.is(i, "as") ? 2 : 1;
    }

    /** The index after the parenthesis group opening at {@code open}. */
    private static int afterParens(StatementTokens t, int open) {
        int depth = t.depth(open);
        for (int i = open + 1; i < t.end(); i++) {
            if (t.type(i) == TokenType.RIGHT_PAREN && t.depth(i) == depth) {
                return i + 1;
            }
        }
        throw t.error(open, "unbalanced parenthesis");
    }

    /**
     * The columns of {@code SET a = 1, b.f = 2, c[1] = 3, (d, e) = (...)}: the first name of each assignment,
     * and of each item of a parenthesised target list.
     */
    private static Set<String> assignedColumns(StatementTokens t, int from, int to) {
        Set<String> columns = new LinkedHashSet<>();
        boolean itemStart = true;
        int listDepth = -1;
        for (int i = from; i < to; i++) {
            TokenType type = t.type(i);
            if (itemStart) {
                if (type == TokenType.LEFT_PAREN && t.depth(i) == 0) {
                    listDepth = 1;
                    continue;
                }
                if (!t.isIdentifier(i)) {
                    throw t.error(i, "cannot read the SET list of UPDATE" + found(t, i));
                }
                columns.add(t.folded(i));
                itemStart = false;
            } else if (type == TokenType.COMMA && (t.depth(i) == 0 || t.depth(i) == listDepth)) {
                itemStart = true;
            } else if (type == TokenType.RIGHT_PAREN && t.depth(i) == 0) {
                listDepth = -1;
            }
        }
        if (columns.isEmpty()) {
            throw t.error(from, "UPDATE has no SET assignments");
        }
        return columns;
    }

    private static String found(StatementTokens t, int i) {
        return i < t.end() ? ", found '" + t.get(i).text() + "'" : ", found the end of the statement";
    }
}
