package dev.bascule.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PostgreSQL major versions of the test matrix, each started from zonky's binaries (see {@link PostgresMatrix}).
 * The exact minor versions are the pom's {@code pgNN.binaries.version} properties.
 */
public enum PostgresMajor {
    V13(13), V14(14), V15(15), V16(16), V17(17), V18(18);

    /**
     * System property limiting the matrix to some majors, e.g. {@code -Dbascule.pg.majors=13,18}; every major
     * when unset or blank.
     */
    public static final String SELECTION_PROPERTY = "bascule.pg.majors";

    private final int number;

    PostgresMajor(int number) {
        this.number = number;
    }

    /** 13 for PostgreSQL 13; equals {@code server_version_num / 10000}. */
    public int number() {
        return number;
    }

    public static PostgresMajor of(int number) {
        for (PostgresMajor major : values()) {
            if (major.number == number) {
                return major;
            }
        }
        throw new IllegalArgumentException("PostgreSQL " + number + " is not in the test matrix (13 to 18)");
    }

    /** The majors chosen by {@value #SELECTION_PROPERTY}, in ascending order. */
    public static List<PostgresMajor> selected() {
        String property = System.getProperty(SELECTION_PROPERTY, "").strip();
        if (property.isEmpty()) {
            return List.of(values());
        }
        List<PostgresMajor> chosen = new ArrayList<>();
        for (String part : property.split(",")) {
            String number = part.strip().toLowerCase(Locale.ROOT).replaceFirst("^(pg|v)", "");
            try {
                PostgresMajor major = of(Integer.parseInt(number));
                if (!chosen.contains(major)) {
                    chosen.add(major);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("-D" + SELECTION_PROPERTY + "=" + property + ": '" + part.strip()
                        + "' is not a major of the test matrix; give a comma-separated subset of 13,14,15,16,17,18", e);
            }
        }
        chosen.sort(null);
        return List.copyOf(chosen);
    }

    @Override
    public String toString() {
        return "PostgreSQL " + number;
    }
}
