package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Severity;
import dev.bascule.lint.parse.Body;
import dev.bascule.lint.parse.BodyLoop;
import dev.bascule.lint.parse.BodyStatement;
import dev.bascule.lint.parse.Ddl;
import dev.bascule.lint.parse.QName;
import dev.bascule.sql.Token;

import java.util.HashSet;
import java.util.Set;

/**
 * A loop that pages through rows with {@code OFFSET variable} while changing them: when the loop's own UPDATE
 * changes a column the paged WHERE reads (or it DELETEs the rows), each batch makes earlier rows drop out of the
 * WHERE, so OFFSET skips as many unprocessed rows as it has just fixed: rows are missed. Seed 002 prints it.
 */
public final class BatchLoopOffsetPaging extends BodyRule {

    @Override
    public String id() {
        return "batch-loop-offset-paging";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A loop (DO block or function) that pages with OFFSET over rows its own UPDATE or DELETE changes.";
    }

    @Override
    public String why() {
        return "Rows fixed by one batch no longer match the paged WHERE, so the next OFFSET skips that many rows "
                + "that were never processed: the loop ends with rows missed, silently. Even when the WHERE is "
                + "unaffected, OFFSET n reads and throws away n rows every batch, so the loop slows down as it "
                + "advances (quadratic in the table size).";
    }

    @Override
    public String fix() {
        return "Walk the key instead (WHERE id > last_id ORDER BY id LIMIT n, remembering the batch's last id), "
                + "or let Bascule batch one plain statement: -- bascule:batch size=n before the UPDATE or DELETE "
                + "in a data migration (keyset batches, each committed on its own).";
    }

    @Override
    void check(MigrationFile m, Body body, FindingSink out) {
        for (BodyLoop loop : body.loops()) {
            BodyStatement paged = null;
            int offset = -1;
            Set<String> changed = new HashSet<>();
            Set<String> deletedFrom = new HashSet<>();
            QName table = null;
            BodyStatement change = null;
            for (BodyStatement s : body.statements()) {
                if (s.loop() == null || !s.loop().within(loop)) {
                    continue;
                }
                int at = BodyTokens.variableOffset(s.statement().tokens());
                if (paged == null && at >= 0) {
                    paged = s;
                    offset = at;
                }
                Ddl ddl = s.statement().ddl();
                if (ddl instanceof Ddl.Update u) {
                    changed.addAll(BodyTokens.assignedColumns(s.statement().tokens()));
                    table = table == null ? u.table() : table;
                    change = change == null ? s : change;
                } else if (ddl instanceof Ddl.Delete d) {
                    deletedFrom.add(d.table().name());
                    table = table == null ? d.table() : table;
                    change = change == null ? s : change;
                }
            }
            if (paged == null || change == null || inner(body, loop, paged)) {
                continue;
            }
            Set<String> predicate = BodyTokens.predicateWords(paged.statement().tokens(), offset);
            String from = BodyTokens.fromTable(paged.statement().tokens(), offset);
            boolean skips = deletedFrom.contains(from) || predicate.stream().anyMatch(changed::contains);
            Token at = paged.statement().tokens().get(offset);
            String message = skips
                    ? "loop " + where(body) + " pages with OFFSET over rows its own " + (deletedFrom.contains(from)
                    ? "DELETE removes" : "UPDATE takes out of the WHERE") + ": every batch shifts the rows under the "
                    + "OFFSET, so unprocessed rows are skipped"
                    : "loop " + where(body) + " pages with OFFSET while changing rows: every batch reads and "
                    + "discards all rows before the OFFSET, so the loop slows down as it advances";
            report(m, body, paged, at, skips ? Severity.ERROR : Severity.WARNING, message,
                    alternative(change, paged, offset), table, out);
        }
    }

    /** The loop of {@code s} is nested in {@code loop}: the finding belongs to that inner loop. */
    private static boolean inner(Body body, BodyLoop loop, BodyStatement s) {
        return s.loop().id() != loop.id() && body.loops().stream().anyMatch(l -> l.id() == s.loop().id());
    }

    private static String alternative(BodyStatement change, BodyStatement paged, int offset) {
        String size = BodyTokens.limit(paged.statement().tokens(), offset);
        String predicate = BodyTokens.predicate(paged.statement(), offset);
        String where = predicate.isEmpty() ? "" : " WHERE " + predicate;
        String statement;
        if (change.statement().ddl() instanceof Ddl.Update u) {
            statement = "UPDATE " + u.table() + " SET " + BodyTokens.setClause(change.statement()) + where + ";";
        } else {
            statement = "DELETE FROM " + ((Ddl.Delete) change.statement().ddl()).table() + where + ";";
        }
        return "-- in a data migration (-- bascule:data in its header), one statement batched by key:\n"
                + "-- bascule:batch size=" + (size == null ? "1000" : size) + "\n" + statement + "\n"
                + "-- or by hand, walk the key instead of OFFSET: ... WHERE id > last_id" + (predicate.isEmpty()
                ? "" : " AND (" + predicate + ")") + " ORDER BY id LIMIT " + (size == null ? "1000" : size)
                + ", then last_id := the batch's greatest id";
    }
}
