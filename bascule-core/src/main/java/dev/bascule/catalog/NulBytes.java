package dev.bascule.catalog;

import java.util.Optional;

/**
 * Finds NUL characters in script text. PostgreSQL's protocol ends every string at a NUL byte, so a statement
 * holding one fails half-sent with a protocol error (SQLSTATE 08P01) instead of a message about the file; the
 * catalog refuses such a file up front, at the NUL's line and column.
 */
final class NulBytes {

    static final String MESSAGE = "holds a NUL byte (U+0000), which PostgreSQL cannot receive in a statement: remove"
            + " it (an editor or a conversion from UTF-16 left it there; save the file as UTF-8)";

    /** Line and column (1-based, in characters) of a NUL. */
    record Position(int line, int column) {
    }

    private NulBytes() {
    }

    static Optional<Position> first(String text) {
        int at = text.indexOf('\0');
        if (at < 0) {
            return Optional.empty();
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return Optional.of(new Position(line, at - lineStart + 1));
    }
}
