/**
 * {@code bascule trace}: the pending migrations (or given files) applied to a shadow database, a copy of the target,
 * with what PostgreSQL really did for every statement: the locks its transaction holds right after it, the tables and
 * indexes it rewrote, the tables it scanned whole, the rows it wrote and how long it took. The shadow database is
 * dropped afterwards, also on failure and on Ctrl-C. See docs/trace.md.
 */
package dev.bascule.trace;
