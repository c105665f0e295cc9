package dev.bascule.lint;

/**
 * A mistake in how the linter was asked to run: an unknown rule id, format or profile, a bad {@code lint:}
 * section, a path that does not exist, an environment whose tables cannot be read. The message says what to do;
 * {@code bascule lint} prints it and exits with {@link LintService#EXIT_USAGE}.
 */
public final class LintUsageException extends RuntimeException {

    public LintUsageException(String message) {
        super(message);
    }

    public LintUsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
