package dev.bascule.lint.rules;

import dev.bascule.lint.model.MigrationFile;
import dev.bascule.lint.model.Profile;
import dev.bascule.lint.model.Severity;

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

    /** True for an opt-in rule that the {@code strict} profile switches on. */
    default boolean inStrictProfile() {
        return false;
    }

    /** Whether the rule runs under {@code profile} when configuration does not switch it on or off. */
    default boolean enabledIn(Profile profile) {
        return enabledByDefault() || (profile == Profile.STRICT && inStrictProfile());
    }

    /** One sentence: what the rule catches. */
    String summary();

    /** Why it matters in production (the lock, the data loss, the broken deploy). */
    String why();

    /** What to do instead, in words; the findings carry the concrete SQL. */
    String fix();

    void check(MigrationFile migration, FindingSink out);
}
