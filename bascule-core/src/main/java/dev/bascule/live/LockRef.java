package dev.bascule.live;

/**
 * A heavyweight lock as {@code pg_locks} shows it: its mode ({@code AccessExclusiveLock}, ...), what it is on
 * ({@code public.moves}, {@code transaction 1234}, {@code virtual transaction 3/45}, ...) and whether it is held
 * ({@code granted}) or waited for.
 */
public record LockRef(String mode, String target, boolean granted) {

    /** {@code holds AccessShareLock on moves} or {@code waits for AccessExclusiveLock on moves}. */
    public String describe() {
        return (granted ? "holds " : "waits for ") + mode + " on " + target;
    }
}
