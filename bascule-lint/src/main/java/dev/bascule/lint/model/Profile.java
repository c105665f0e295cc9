package dev.bascule.lint.model;

import java.util.Locale;

/**
 * A set of rules switched on together: {@link #DEFAULT} runs the rules that are on by default; {@link #STRICT}
 * adds the rules that ask more of every migration than most projects want (a statement_timeout in each file).
 */
public enum Profile {
    DEFAULT, STRICT;

    /** Parses {@code default} or {@code strict}; the message names the accepted values. */
    public static Profile parse(String value) {
        for (Profile p : values()) {
            if (p.name().equalsIgnoreCase(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + value + "': use default or strict");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
