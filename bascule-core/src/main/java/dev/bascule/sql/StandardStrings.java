package dev.bascule.sql;

import java.util.Locale;

/**
 * Follows {@code SET standard_conforming_strings} the way psql does: psql lexes '...' with backslash escapes
 * while the server reports the setting off. Scripts from old pg_dump versions switch it off and back on.
 * {@code SET LOCAL} is not followed (psql would see the value revert at transaction end).
 */
final class StandardStrings {

    private StandardStrings() {
    }

    /**
     * The new setting when the statement in {@code text[start, end)} (whose top-level words are {@code words})
     * changes standard_conforming_strings, else null.
     */
    static Boolean settingAfter(TopLevelWords words, String text, int start, int end) {
        if (words.is(0, "reset")) {
            return words.is(1, "standard_conforming_strings") || words.is(1, "all") ? Boolean.TRUE : null;
        }
        int name = words.is(1, "session") ? 2 : 1;
        if (!words.is(0, "set") || !words.is(name, "standard_conforming_strings")) {
            return null;
        }
        String statement = text.substring(start, end).toLowerCase(Locale.ROOT);
        int after = statement.indexOf("standard_conforming_strings") + "standard_conforming_strings".length();
        String value = statement.substring(after).strip();
        if (value.startsWith("=")) {
            value = value.substring(1).strip();
        } else if (value.startsWith("to")) {
            value = value.substring(2).strip();
        }
        if (value.endsWith(";")) {
            value = value.substring(0, value.length() - 1).strip();
        }
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            value = value.substring(1, value.length() - 1).strip();
        }
        return switch (value) {
            case "on", "true", "yes", "1", "default" -> Boolean.TRUE;
            case "off", "false", "no", "0" -> Boolean.FALSE;
            default -> null;
        };
    }
}
