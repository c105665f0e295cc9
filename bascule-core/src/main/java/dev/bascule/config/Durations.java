package dev.bascule.config;

import dev.bascule.error.BasculeException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as written in configuration: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 0}. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)?");

    private Durations() {
    }

    public static Duration parse(String text, String what) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new BasculeException.Configuration(what + ": '" + text + "' is not a duration; write for example 500ms, 10s, 5m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
