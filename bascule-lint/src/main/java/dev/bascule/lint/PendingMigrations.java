package dev.bascule.lint;

import dev.bascule.catalog.Migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * What {@link LintService#lintPending} needs from an environment: the migrations it has not applied, a connection
 * to read its tables, and the timeouts its runner sets. The CLI adapts its environment to this; once the facade
 * offers them, {@code Bascule#status().toApply()}, {@code Bascule#connect()} and
 * {@code Bascule#settings().lockTimeout()} are exactly these three.
 */
public interface PendingMigrations {

    /** The migrations not yet applied, in the order they will run, with their text. */
    List<Migration> pending();

    /** A new connection to the environment's database (the caller closes it); bounded connect timeout. */
    Connection connect() throws SQLException;

    /** The {@code lock_timeout} the runner sets before every migration; zero when it sets none. */
    Duration runnerLockTimeout();

    /** The {@code statement_timeout} the runner sets; zero when it sets none. */
    default Duration runnerStatementTimeout() {
        return Duration.ZERO;
    }

    /** The database as shown in messages (host and name, never a password). */
    String describe();
}
