package dev.bascule.lint.model;

/**
 * PostgreSQL table-level lock modes, weakest first, with what each one blocks for the application:
 * plain SELECTs wait only for ACCESS EXCLUSIVE; INSERT/UPDATE/DELETE wait for SHARE and everything stronger.
 */
public enum LockMode {
    NONE("no table lock"),
    ACCESS_SHARE("ACCESS SHARE"),
    ROW_SHARE("ROW SHARE"),
    ROW_EXCLUSIVE("ROW EXCLUSIVE"),
    SHARE_UPDATE_EXCLUSIVE("SHARE UPDATE EXCLUSIVE"),
    SHARE("SHARE"),
    SHARE_ROW_EXCLUSIVE("SHARE ROW EXCLUSIVE"),
    EXCLUSIVE("EXCLUSIVE"),
    ACCESS_EXCLUSIVE("ACCESS EXCLUSIVE");

    private final String sqlName;

    LockMode(String sqlName) {
        this.sqlName = sqlName;
    }

    public String sqlName() {
        return sqlName;
    }

    public boolean blocksReads() {
        return this == ACCESS_EXCLUSIVE;
    }

    public boolean blocksWrites() {
        return compareTo(SHARE) >= 0;
    }

    /** e.g. "SHARE lock: blocks writes (INSERT/UPDATE/DELETE), reads continue". */
    public String describe() {
        if (this == NONE) {
            return "no table lock";
        }
        String blocks = blocksReads() ? "blocks reads and writes"
                : blocksWrites() ? "blocks writes (INSERT/UPDATE/DELETE), reads continue"
                : this == SHARE_UPDATE_EXCLUSIVE ? "blocks other schema changes and VACUUM, reads and writes continue"
                : "blocks only schema changes, reads and writes continue";
        return sqlName + " lock: " + blocks;
    }

    public static LockMode max(LockMode a, LockMode b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
