package dev.bascule.live;

import java.time.Duration;
import java.util.Locale;

/** Durations as people read them in one-line messages: {@code 250 ms}, {@code 1.3 s}, {@code 12 s}, {@code 3 min 5 s}. */
final class DurationText {

    private DurationText() {
    }

    static String of(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 120) {
            return seconds + " s";
        }
        return seconds / 60 + " min " + seconds % 60 + " s";
    }

    /** Byte counts the same way: {@code 512 B}, {@code 18.4 MB} (powers of 1024, one decimal). */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
