package dev.bascule.run;

import java.util.regex.Pattern;

/**
 * PostgreSQL's error messages quote values ({@code Key (email)=(a@b.c) already exists}, {@code invalid input
 * syntax for type uuid: "xyz"}). For secure migrations those values are secrets: mask whatever is inside quotes
 * or parentheses after '='.
 */
final class SecretMasker {

    private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"[^\"]*\"");
    private static final Pattern SINGLE_QUOTED = Pattern.compile("'[^']*'");
    private static final Pattern KEY_VALUE = Pattern.compile("=\\([^)]*\\)");

    private SecretMasker() {
    }

    static String mask(String message) {
        if (message == null) {
            return null;
        }
        String masked = DOUBLE_QUOTED.matcher(message).replaceAll("\"***\"");
        masked = SINGLE_QUOTED.matcher(masked).replaceAll("'***'");
        return KEY_VALUE.matcher(masked).replaceAll("=(***)");
    }
}
