/**
 * Probes of a live database that a migration run needs while the application keeps serving: who blocks our
 * statement ({@link dev.bascule.live.Blockers}, {@link dev.bascule.live.LockWaitWatcher}), whether and when to
 * retry a lock timeout ({@link dev.bascule.live.RetryPolicy}), the invalid index a failed
 * {@code CREATE INDEX CONCURRENTLY} leaves behind ({@link dev.bascule.live.InvalidIndexes}), and whether replicas
 * and vacuum allow the next batch of a data migration ({@link dev.bascule.live.Throttle}).
 *
 * <p>Plain JDBC only. Probes that poll use a connection of their own, in autocommit, with a statement timeout on
 * every query: never the migration's connection, and never an open transaction, because
 * {@code CREATE INDEX CONCURRENTLY} waits for every open transaction, a probe's included.
 */
package dev.bascule.live;
