package dev.bascule.lint.model;

/** How much a finding matters; only {@link #ERROR} makes {@code bascule lint} exit with status 1. */
public enum Severity {
    ERROR, WARNING, INFO;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
