package dev.bascule.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The rules every generator shares: snake_case names, free 14-digit UTC versions, the manifest's last line. */
public final class MigrationNames {

    static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    public static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private MigrationNames() {
    }

    /** Why a name is not snake case, or null when it is. */
    public static String snakeCaseProblem(String name) {
        if (SNAKE_CASE.matcher(name).matches()) {
            return null;
        }
        String suggestion = name.strip().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        String why;
        if (name.isEmpty()) {
            why = "it is empty";
        } else if (!name.equals(name.toLowerCase(Locale.ROOT))) {
            why = "it has upper-case letters";
        } else if (name.matches(".*[^a-z0-9_].*")) {
            why = "it has characters other than a-z, 0-9 and '_'";
        } else if (!Character.isLetter(name.charAt(0))) {
            why = "it does not start with a letter";
        } else {
            why = "it has a leading, trailing or doubled '_'";
        }
        return "'" + name + "' is not snake_case (" + why + "): use lower-case words joined by single underscores"
                + (suggestion.isEmpty() || !SNAKE_CASE.matcher(suggestion).matches() ? "" : ", e.g. " + suggestion);
    }

    /**
     * The current UTC second, or the first later one whose 14-digit version no file in {@code folders} uses yet:
     * two files generated within one second get consecutive versions, never the same one.
     */
    public static ZonedDateTime freeVersion(Clock clock, List<Path> folders) throws IOException {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC).withNano(0);
        while (versionTaken(folders, VERSION.format(now))) {
            now = now.plusSeconds(1);
        }
        return now;
    }

    private static boolean versionTaken(List<Path> folders, String version) throws IOException {
        for (Path folder : folders) {
            if (Files.isDirectory(folder)) {
                try (var files = Files.list(folder)) {
                    if (files.anyMatch(f -> f.getFileName().toString().startsWith(version + "_"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Adds {@code fileName} as the manifest's last line (creating the manifest when missing). */
    public static void appendToManifest(Path manifest, String fileName) throws IOException {
        String existing = Files.exists(manifest) ? Files.readString(manifest) : "";
        String prefix = existing.isEmpty() || existing.endsWith("\n") ? "" : "\n";
        Files.writeString(manifest, prefix + fileName + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
