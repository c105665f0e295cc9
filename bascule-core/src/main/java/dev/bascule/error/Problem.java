package dev.bascule.error;

/**
 * One thing wrong with the inputs, located as precisely as we can: {@code file:line: message}. Line 0 means
 * "the whole file". Problems are collected and reported all at once, before anything is applied.
 */
public record Problem(String file, int line, String message) {

    public static Problem of(String file, String message) {
        return new Problem(file, 0, message);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
