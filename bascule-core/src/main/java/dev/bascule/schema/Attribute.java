package dev.bascule.schema;

import java.util.Objects;

/**
 * One line (or one multi-line block) of a schema object: {@code column status: text NOT NULL}. The key is unique
 * within its object and is what a diff matches on; the value is compared as text.
 *
 * @param key   e.g. {@code column status}, {@code constraint moves_pkey}, {@code definition}, {@code comment}
 * @param value the text, line breaks normalised to {@code \n}
 */
public record Attribute(String key, String value) {

    public Attribute {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.isEmpty() || key.contains("\n")) {
            throw new IllegalArgumentException("an attribute key is one non-empty line, got '" + key + "'");
        }
        value = normaliseLineBreaks(value);
    }

    /**
     * CRLF and lone CR become LF: the same migration checked out with Windows line endings must not read as a
     * different function body or view.
     */
    static String normaliseLineBreaks(String text) {
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    boolean isMultiLine() {
        return value.indexOf('\n') >= 0;
    }

    /** Which optional detail of the snapshot this attribute belongs to, or null when it is always present. */
    Detail detail(ObjectKind kind) {
        if (key.equals("owner")) {
            return Detail.OWNERSHIP;
        }
        if (key.equals("grants") || key.startsWith("grants on ")) {
            return Detail.GRANTS;
        }
        if (kind == ObjectKind.EXTENSION && key.equals("version")) {
            return Detail.EXTENSION_VERSIONS;
        }
        return null;
    }
}
