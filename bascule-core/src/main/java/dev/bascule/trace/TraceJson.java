package dev.bascule.trace;

import dev.bascule.text.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** {@code bascule trace --json}: the whole report, every lock held after every statement included. */
public final class TraceJson {


    private TraceJson() {
    }

    public static String render(TraceReport report) {
        ObjectNode root = Json.object();
        root.put("target", report.target());
        root.put("shadow", report.shadow());
        ObjectNode origin = root.putObject("shadow_origin");
        if (report.origin() instanceof ShadowOrigin.Replayed r) {
            origin.put("kind", "replayed").put("why_not_template", r.whyNotTemplate()).put("replayed", r.replayed());
        } else if (report.origin() instanceof ShadowOrigin.NotNeeded) {
            origin.put("kind", "none");
        } else {
            origin.put("kind", "template-copy");
        }
        origin.put("description", report.origin().describe());
        root.put("server_version_num", report.serverVersionNum());
        root.put("failed", report.failed());
        ArrayNode serverWide = root.putArray("server_wide");
        report.serverWide().forEach(serverWide::add);
        ArrayNode migrations = root.putArray("migrations");
        for (MigrationTrace m : report.migrations()) {
            ObjectNode node = migrations.addObject();
            node.put("file", m.file()).put("secure", m.secret()).put("transactional", m.transactional()).put("failed", m.failed());
            ArrayNode statements = node.putArray("statements");
            m.statements().forEach(s -> statement(statements.addObject(), s, m.secret()));
        }
        return Json.render(root);
    }

    private static void statement(ObjectNode node, StatementTrace s, boolean secret) {
        node.put("file", s.file()).put("line", s.line()).put("column", s.column()).put("index", s.index());
        if (!secret) {
            node.put("summary", s.summary());
        }
        node.put("duration_ms", BigDecimal.valueOf(s.duration().toNanos()).movePointLeft(6).setScale(3, RoundingMode.HALF_UP));
        if (s.rowsWritten() >= 0) {
            node.put("rows_written", s.rowsWritten());
        } else {
            node.putNull("rows_written");
        }
        node.put("locks_observed", s.observation().name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode locks = node.putArray("locks");
        for (HeldLock lock : s.locks()) {
            locks.addObject().put("relation", lock.relation().qualified()).put("kind", lock.relation().kind())
                    .put("mode", lock.mode().sqlName()).put("acquired", lock.acquired())
                    .put("new_relation", lock.newRelation());
        }
        ArrayNode rewritten = node.putArray("rewritten");
        s.rewritten().forEach(r -> rewritten.add(r.qualified()));
        ArrayNode created = node.putArray("created");
        s.created().forEach(r -> created.add(r.qualified()));
        if (s.scansKnown()) {
            ArrayNode scans = node.putArray("table_scans");
            s.scans().forEach(t -> scans.addObject().put("table", t.table().qualified()).put("scans", t.scans()));
        } else {
            node.putNull("table_scans");
        }
        if (s.error().isPresent()) {
            node.put("error", s.error().get());
        } else {
            node.putNull("error");
        }
    }
}
