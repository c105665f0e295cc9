package dev.bascule.adopt;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The comment line {@code bascule import} writes at the top of every converted file, saying which file of which
 * tool it came from and that tool's own version of it. Adoption reads it back: a Flyway version such as
 * {@code 1.2} became a Bascule integer through a mapping that depends on the whole project, so only the file knows
 * which Flyway row it answers to. The original text follows the line unchanged, so checksums the other tool
 * recorded (Flyway's CRC-32, Prisma's SHA-256) can be compared with it.
 *
 * @param tool   the tool's name as users write it ({@code flyway})
 * @param source the file in the tool's folder, relative to it
 * @param key    the tool's identity of the migration: its version ({@code 1.2}, {@code 20240101120000}), or for
 *               Flyway repeatables and Prisma the script or folder name
 */
record ImportOrigin(String tool, String source, String key) {

    static final String PREFIX = "-- imported from ";
    private static final String KEY_SEPARATOR = ", version ";
    private static final Pattern LINE = Pattern.compile("^-- imported from ([a-z][a-z-]*): (.+)$");
    /** The importer writes at most one directive line before the origin line. */
    private static final int HEADER_LINES = 2;

    String line() {
        return PREFIX + tool + ": " + source + KEY_SEPARATOR + key;
    }

    /** The origin line in the first lines of a converted file, if there is one. */
    static Optional<ImportOrigin> find(String text) {
        return headerEnd(text).flatMap(end -> parse(text.substring(end.start(), end.end()).strip()));
    }

    /** The file's text after the importer's header: the other tool's original text when the file is unedited. */
    static String body(String text) {
        return headerEnd(text).map(end -> text.substring(Math.min(text.length(), end.end() + 1))).orElse(text);
    }

    private record Span(int start, int end) {
    }

    private static Optional<Span> headerEnd(String text) {
        int start = 0;
        for (int i = 0; i < HEADER_LINES && start < text.length(); i++) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            if (text.startsWith(PREFIX, start)) {
                return Optional.of(new Span(start, end));
            }
            if (newline < 0) {
                break;
            }
            start = newline + 1;
        }
        return Optional.empty();
    }

    private static Optional<ImportOrigin> parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        String rest = m.group(2);
        int separator = rest.lastIndexOf(KEY_SEPARATOR);
        if (separator <= 0) {
            return Optional.empty();
        }
        return Optional.of(new ImportOrigin(m.group(1), rest.substring(0, separator),
                rest.substring(separator + KEY_SEPARATOR.length()).strip()));
    }
}
