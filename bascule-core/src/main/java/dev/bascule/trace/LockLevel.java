package dev.bascule.trace;

import java.util.Locale;

/**
 * PostgreSQL's table-level lock modes, weakest first (the order of their numbers in the lock manager). The constant
 * names match the linter's {@code LockMode}, so observed and predicted locks compare by name.
 */
public enum LockLevel {
    ACCESS_SHARE("AccessShareLock"),
    ROW_SHARE("RowShareLock"),
    ROW_EXCLUSIVE("RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),
    SHARE("ShareLock"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),
    EXCLUSIVE("ExclusiveLock"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock");

    private final String pgLocksName;

    LockLevel(String pgLocksName) {
        this.pgLocksName = pgLocksName;
    }

    /** The mode as {@code pg_locks.mode} spells it, e.g. {@code AccessExclusiveLock}. */
    public String pgLocksName() {
        return pgLocksName;
    }

    /** The mode as SQL spells it, e.g. {@code ACCESS EXCLUSIVE}. */
    public String sqlName() {
        return name().replace('_', ' ');
    }

    /** Plain SELECTs wait for this mode only. */
    public boolean blocksReads() {
        return this == ACCESS_EXCLUSIVE;
    }

    /** INSERT, UPDATE and DELETE (ROW EXCLUSIVE) wait for SHARE and every stronger mode. */
    public boolean blocksWrites() {
        return compareTo(SHARE) >= 0;
    }

    /** The level of a {@code pg_locks.mode} value. */
    public static LockLevel ofPgLocks(String mode) {
        for (LockLevel level : values()) {
            if (level.pgLocksName.equals(mode)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown pg_locks mode: " + mode);
    }

    public static LockLevel max(LockLevel a, LockLevel b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public String toString() {
        return sqlName().toUpperCase(Locale.ROOT);
    }
}
