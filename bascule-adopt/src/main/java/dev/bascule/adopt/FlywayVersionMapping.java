package dev.bascule.adopt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How a project's Flyway versions become Bascule's integer versions, preserving their order: the first part is
 * kept as it is and every later part is zero-padded to the widest that part is anywhere in the project, then all
 * are joined. With versions {@code 1, 1.1, 1.2, 1.10, 2} the second part is two digits wide, so they become
 * {@code 100, 101, 102, 110, 200}: {@code a < b} in Flyway's order exactly when {@code map(a) < map(b)}, because
 * the padded tail of every version has the same width and so only adds less than one step of the first part.
 * A project whose versions are whole numbers (or timestamps) keeps them unchanged.
 *
 * @param widths the digit widths of the second, third... parts
 */
record FlywayVersionMapping(List<Integer> widths) {

    FlywayVersionMapping {
        widths = List.copyOf(widths);
    }

    static FlywayVersionMapping of(Collection<FlywayVersion> versions) {
        List<Integer> widths = new ArrayList<>();
        for (FlywayVersion v : versions) {
            for (int i = 1; i < v.parts().size(); i++) {
                int digits = v.parts().get(i).toString().length();
                if (widths.size() < i) {
                    widths.add(digits);
                } else if (widths.get(i - 1) < digits) {
                    widths.set(i - 1, digits);
                }
            }
        }
        return new FlywayVersionMapping(widths);
    }

    BigInteger map(FlywayVersion version) {
        StringBuilder digits = new StringBuilder(version.part(0).toString());
        for (int i = 0; i < widths.size(); i++) {
            String part = version.part(i + 1).toString();
            digits.append("0".repeat(widths.get(i) - part.length())).append(part);
        }
        return new BigInteger(digits.toString());
    }

    /** One sentence for the report and the manifest, with an example from the project. */
    String describe(Collection<FlywayVersion> versions) {
        if (widths.isEmpty()) {
            return "Flyway versions are whole numbers here, so each keeps its number (V12__x.sql becomes 12_x.up.sql)";
        }
        FlywayVersion example = versions.stream().filter(v -> v.parts().size() > 1).max(FlywayVersion::compareTo)
                .orElseThrow();
        return "Flyway versions have up to " + (widths.size() + 1) + " parts; every part after the first is zero-padded"
                + " to " + (widths.size() == 1 ? "width " + widths.get(0) : "widths " + widths) + " and the parts are"
                + " joined, which keeps Flyway's order (" + example + " becomes " + map(example) + ")";
    }
}
