package dev.bascule.catalog;

import java.util.Locale;
import java.util.Optional;

/**
 * Names that are almost migration file names: reported rather than skipped in silence, since a file a person meant
 * to run and that never runs is the worst kind of mistake.
 */
final class FileNameChecks {

    private FileNameChecks() {
    }

    /** Whether a name, in any letter case, is that of a migration file ({@code .up.sql}, {@code .down.sql}, ...). */
    static boolean looksLikeMigration(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".up.sql") || lower.endsWith(".down.sql") || MigrationFileName.parse(lower).value().isPresent();
    }

    /**
     * The name with its {@code .up.sql} / {@code .down.sql} suffix in lower case, when only the case of that suffix
     * keeps it from being a migration file name ({@code 2024_x.UP.SQL}, {@code 2024_x.up.Sql}).
     */
    static Optional<String> lowerCaseSuffix(String name) {
        int last = name.lastIndexOf('.');
        int previous = last <= 0 ? -1 : name.lastIndexOf('.', last - 1);
        if (previous < 0) {
            return Optional.empty();
        }
        String candidate = name.substring(0, previous) + name.substring(previous).toLowerCase(Locale.ROOT);
        if (candidate.equals(name) || MigrationFileName.parse(candidate).value().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(candidate);
    }
}
