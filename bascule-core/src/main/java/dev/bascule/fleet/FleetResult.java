package dev.bascule.fleet;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What happened to one target.
 *
 * @param applied  migrate: the migrations this run applied (before a failure, too); status and validate: the
 *                 migrations recorded as applied
 * @param pending  the migrations still to apply afterwards; empty when it could not be read (unreachable)
 * @param error    the failure's message, passwords removed; empty on success
 * @param exitCode what the single command ({@code bascule migrate}, ...) would have exited with on this target
 */
public record FleetResult(FleetTarget target, TargetOutcome outcome, int applied, OptionalInt pending, Duration elapsed,
                          Optional<String> error, int exitCode) {

    public boolean succeeded() {
        return outcome == TargetOutcome.OK;
    }

    /**
     * The error's first line, for the summary table; empty on success. A first line that only introduces a list
     * ("2 problems, nothing applied:") is followed by the list's first item.
     */
    public String errorSummary() {
        if (error.isEmpty()) {
            return "";
        }
        java.util.List<String> lines = error.get().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        return lines.get(0).endsWith(":") && lines.size() > 1 ? lines.get(0) + " " + lines.get(1) : lines.get(0);
    }
}
