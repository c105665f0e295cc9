package dev.bascule.fleet;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A fleet run's results, one per target in the targets' order; rendered as the summary table or JSON by
 * {@link FleetSummary}.
 *
 * @param parallel the targets allowed at a time
 * @param elapsed  the whole run's wall time
 */
public record FleetReport(FleetOperation operation, int parallel, List<FleetResult> results, Duration elapsed) {

    public FleetReport {
        results = List.copyOf(results);
    }

    public boolean allSucceeded() {
        return results.stream().allMatch(FleetResult::succeeded);
    }

    public List<FleetResult> failed() {
        return results.stream().filter(r -> !r.succeeded()).toList();
    }

    public long succeeded() {
        return results.stream().filter(FleetResult::succeeded).count();
    }

    /** How many targets ended each way, in the outcomes' order; outcomes nobody had are left out. */
    public Map<TargetOutcome, Long> outcomes() {
        Map<TargetOutcome, Long> counts = new EnumMap<>(TargetOutcome.class);
        results.forEach(r -> counts.merge(r.outcome(), 1L, Long::sum));
        return counts;
    }

    /** The most connections the run could hold at once in the ordinary case (see {@link Fleet}). */
    public int maxConnections() {
        return Math.min(parallel, results.size()) * operation.connectionsPerTarget();
    }

    /** The summary table: target, outcome, applied, pending, time and the error's first line, then totals. */
    public String table() {
        return FleetSummary.table(this);
    }

    /** The same as a JSON object, with each error's whole message. */
    public String json() {
        return FleetSummary.json(this);
    }
}
