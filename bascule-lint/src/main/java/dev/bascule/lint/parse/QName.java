package dev.bascule.lint.parse;

/**
 * A possibly schema-qualified object name, folded the way PostgreSQL folds it: unquoted parts lower-cased,
 * quoted parts kept. {@code public} is dropped so {@code public.users} and {@code users} compare equal.
 */
public record QName(String schema, String name) {

    public static QName of(String schema, String name) {
        return new QName(schema == null || schema.equals("public") ? null : schema, name);
    }

    /** The key used for table look-ups in {@code LintContext}: {@code name} or {@code schema.name}. */
    public String key() {
        return schema == null ? name : schema + "." + name;
    }

    @Override
    public String toString() {
        return key();
    }
}
