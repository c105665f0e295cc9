package dev.bascule.live;

import java.time.Duration;

/**
 * One session that blocks the backend we watch, from {@code pg_blocking_pids} and {@code pg_stat_activity}.
 *
 * @param pid             its backend pid; 0 for a prepared transaction, which has no session
 * @param user            its role, or null (background workers, prepared transactions)
 * @param applicationName its {@code application_name}, possibly empty
 * @param backendType     {@code client backend}, {@code autovacuum worker}, ...
 * @param state           {@code active}, {@code idle in transaction}, ..., or null
 * @param transactionAge  how long its current transaction has been open, or null when it has none
 * @param query           the first 80 characters of its current or last statement with white space collapsed
 *                        ({@code ...} marks a cut), or null when hidden or unknown
 * @param lock            the lock it holds (or waits for ahead of us) on what we wait for, or null when not found
 */
public record Blocker(int pid, String user, String applicationName, String backendType, String state,
                      Duration transactionAge, String query, LockRef lock) {

    /** Longest query prefix kept, in characters (code points). */
    public static final int QUERY_CHARACTERS = 80;

    /** The same blocker without its query text. */
    public Blocker withoutQuery() {
        return new Blocker(pid, user, applicationName, backendType, state, transactionAge, null, lock);
    }

    /**
     * {@code pid 4242 (app_user, application_name=psql, idle in transaction, transaction open 12 s, holds
     * AccessShareLock on moves): "SELECT * FROM moves WHERE ..."}
     */
    public String describe() {
        if (pid == 0) {
            return "a prepared transaction (see pg_prepared_xacts)" + (lock == null ? "" : " that " + lock.describe());
        }
        StringBuilder line = new StringBuilder("pid ").append(pid).append(" (");
        line.append(user == null ? backendType : user);
        if (applicationName != null && !applicationName.isEmpty()) {
            line.append(", application_name=").append(applicationName);
        }
        if (state != null) {
            line.append(", ").append(state);
        }
        if (transactionAge != null) {
            line.append(", transaction open ").append(DurationText.of(transactionAge));
        }
        if (lock != null) {
            line.append(", ").append(lock.describe());
        }
        line.append(')');
        if (query != null && !query.isEmpty()) {
            line.append(": \"").append(query).append('"');
        }
        return line.toString();
    }

    /** White space runs collapsed to one space, then cut to {@link #QUERY_CHARACTERS} characters. */
    static String shorten(String query) {
        if (query == null) {
            return null;
        }
        String collapsed = query.strip().replaceAll("\\s+", " ");
        if (collapsed.codePointCount(0, collapsed.length()) <= QUERY_CHARACTERS) {
            return collapsed;
        }
        return collapsed.substring(0, collapsed.offsetByCodePoints(0, QUERY_CHARACTERS)) + "...";
    }
}
