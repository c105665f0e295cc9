package dev.bascule.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Why the next batch of a data migration should wait. */
public sealed interface ThrottleReason {

    /** Who or what holds us up, without figures: a change of subjects is worth reporting, a changed figure is not. */
    String subject();

    /** One phrase: {@code replica standby1 replay lag 14.2 s > 10 s}. */
    String describe();

    /**
     * A streaming replica too far behind, by time or by bytes (or both).
     *
     * @param replayLag       {@code pg_stat_replication.replay_lag}, null when the primary has no recent measurement
     * @param unreplayedBytes WAL written on the primary that the replica has not replayed
     */
    record ReplicaBehind(String replica, Duration replayLag, long unreplayedBytes, Duration maxReplayLag,
                         long maxUnreplayedBytes) implements ThrottleReason {

        @Override
        public String subject() {
            return "replica " + replica;
        }

        @Override
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (replayLag != null && replayLag.compareTo(maxReplayLag) > 0) {
                parts.add("replay lag " + DurationText.of(replayLag) + " > " + DurationText.of(maxReplayLag));
            }
            if (unreplayedBytes > maxUnreplayedBytes) {
                parts.add(DurationText.bytes(unreplayedBytes) + " not replayed > " + DurationText.bytes(maxUnreplayedBytes));
            }
            return subject() + " " + String.join(", ", parts);
        }
    }

    /**
     * A vacuum (autovacuum, or someone's VACUUM) working on the batch's table or its TOAST table.
     *
     * @param backendType {@code autovacuum worker} or {@code client backend}
     */
    record VacuumRunning(int pid, String table, String phase, String backendType, long heapBlocksScanned,
                         long heapBlocksTotal) implements ThrottleReason {

        @Override
        public String subject() {
            return "vacuum pid " + pid;
        }

        @Override
        public String describe() {
            String who = "autovacuum worker".equals(backendType) ? "autovacuum" : "VACUUM";
            String progress = heapBlocksTotal > 0
                    ? String.format(Locale.ROOT, ", %d %% of the heap scanned", heapBlocksScanned * 100 / heapBlocksTotal)
                    : "";
            return who + " on " + table + " (pid " + pid + ", " + phase + progress + ")";
        }
    }
}
