package dev.bascule.adopt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Flyway version as Flyway orders them: numeric parts separated by {@code .} (or {@code _} in file names),
 * compared part by part, a missing part counting as 0, so {@code 1}, {@code 1.0} and {@code 1_0} are one version.
 *
 * @param parts the numeric parts with trailing zero parts removed (at least one part)
 */
record FlywayVersion(List<BigInteger> parts) implements Comparable<FlywayVersion> {

    FlywayVersion {
        List<BigInteger> trimmed = new ArrayList<>(parts);
        while (trimmed.size() > 1 && trimmed.get(trimmed.size() - 1).signum() == 0) {
            trimmed.remove(trimmed.size() - 1);
        }
        parts = List.copyOf(trimmed);
    }

    /** Parses {@code 1.2.3} or {@code 1_2_3}; empty when the text is not a Flyway version. */
    static Optional<FlywayVersion> parse(String text) {
        String t = text.strip();
        if (t.isEmpty() || !t.matches("[0-9]+([._][0-9]+)*")) {
            return Optional.empty();
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String part : t.split("[._]")) {
            parts.add(new BigInteger(part));
        }
        return Optional.of(new FlywayVersion(parts));
    }

    static FlywayVersion of(BigInteger whole) {
        return new FlywayVersion(List.of(whole));
    }

    BigInteger part(int index) {
        return index < parts.size() ? parts.get(index) : BigInteger.ZERO;
    }

    @Override
    public int compareTo(FlywayVersion other) {
        int n = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < n; i++) {
            int c = part(i).compareTo(other.part(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Dotted, as Flyway writes versions in its history table. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (BigInteger p : parts) {
            s.append(s.length() == 0 ? "" : ".").append(p);
        }
        return s.toString();
    }
}
