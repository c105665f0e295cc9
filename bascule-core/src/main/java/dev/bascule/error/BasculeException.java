package dev.bascule.error;


import java.util.List;
import java.util.stream.Collectors;

/**
 * Every failure Bascule reports to a user. Each kind maps to one documented exit code of the CLI:
 * 1 a migration failed, 2 usage/configuration/connection, 3 validation failed, 4 lock not obtained, 5 applied but
 * an after-migrate hook failed.
 * Messages never contain passwords or the text of secure migrations.
 */
public abstract sealed class BasculeException extends RuntimeException {

    protected BasculeException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The CLI's exit code for this failure. */
    public abstract int exitCode();

    /** A migration failed while running; nothing of it was committed unless it ran without a transaction. */
    public static final class MigrationFailed extends BasculeException {
        private final String file;
        private final int line;
        private final String sqlState;

        public MigrationFailed(String message, String file, int line, String sqlState, Throwable cause) {
            super(message, cause);
            this.file = file;
            this.line = line;
            this.sqlState = sqlState;
        }

        public String file() {
            return file;
        }

        public int line() {
            return line;
        }

        public String sqlState() {
            return sqlState;
        }

        @Override
        public int exitCode() {
            return 1;
        }
    }

    /** Bad configuration or usage, or the database cannot be reached or refuses the login. */
    public static final class Configuration extends BasculeException {
        public Configuration(String message) {
            super(message, null);
        }

        public Configuration(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public int exitCode() {
            return 2;
        }
    }

    /** Inputs or history are inconsistent; every problem is listed. Nothing was applied. */
    public static final class ValidationFailed extends BasculeException {
        private final List<Problem> problems;

        public ValidationFailed(List<Problem> problems) {
            super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + ", nothing applied:\n"
                    + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")), null);
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }

        @Override
        public int exitCode() {
            return 3;
        }
    }

    /**
     * A hook failed: before any migration ran (exit 1, nothing applied), or after migrate succeeded (exit 5: the
     * migrations stay applied, only what came after them failed).
     */
    public static final class HookFailed extends BasculeException {
        private final int exitCode;

        public HookFailed(String message, int exitCode) {
            super(message, null);
            this.exitCode = exitCode;
        }

        @Override
        public int exitCode() {
            return exitCode;
        }
    }

    /** Another runner held the migration lock for longer than we were allowed to wait. */
    public static final class LockNotObtained extends BasculeException {
        public LockNotObtained(String message) {
            super(message, null);
        }

        @Override
        public int exitCode() {
            return 4;
        }
    }
}
