package dev.bascule.live;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** The throttle waited as long as allowed and the reasons to wait remain. */
public final class ThrottleTimeoutException extends RuntimeException {

    private final transient List<ThrottleReason> reasons;
    private final Duration waited;

    public ThrottleTimeoutException(Duration waited, List<ThrottleReason> reasons) {
        super("gave up after waiting " + DurationText.of(waited) + " for the next batch: "
                + reasons.stream().map(ThrottleReason::describe).collect(Collectors.joining("; "))
                + "; let the replica catch up or the vacuum finish, or raise the throttle's limits");
        this.reasons = List.copyOf(reasons);
        this.waited = waited;
    }

    /** What still held the batch back at the end. */
    public List<ThrottleReason> reasons() {
        return reasons;
    }

    public Duration waited() {
        return waited;
    }
}
