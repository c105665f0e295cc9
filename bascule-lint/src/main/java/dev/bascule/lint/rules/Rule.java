package dev.bascule.lint.rules;

import dev.bascule.lint.MigrationFile;
import dev.bascule.lint.Severity;

/**
 * One lint rule: an id (kebab-case, also the name of its page {@code docs/rules/<id>.md}), a default
 * severity, documentation, and the check itself.
 */
public interface Rule {

    String id();

    Severity defaultSeverity();

    /** Opt-in rules (idempotent DDL) return false; configuration can switch any rule on or off. */
    default boolean enabledByDefault() {
        return true;
    }

    /** One sentence: what the rule catches. */
    String summary();

    /** Why it matters in production (the lock, the data loss, the broken deploy). */
    String why();

    /** What to do instead, in words; the findings carry the concrete SQL. */
    String fix();

    void check(MigrationFile migration, FindingSink out);
}
