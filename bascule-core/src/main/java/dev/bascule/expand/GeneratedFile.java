package dev.bascule.expand;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One file of an expand/contract change.
 *
 * @param path          where to write it, relative to the project directory
 * @param content       its text (UTF-8, LF line endings, ending with a line break)
 * @param phase         1 (expand), 2 (switch the code over) or 3 (contract)
 * @param kind          what the file is
 * @param noTransaction the migration carries {@code -- bascule:no-transaction}
 * @param version       a migration's version (the number its file name starts with); empty for definitions
 */
public record GeneratedFile(Path path, String content, int phase, Kind kind, boolean noTransaction,
                            Optional<BigInteger> version) {

    /** Migrations run in version order; definitions are only ever included by migrations ({@code \ir}). */
    public enum Kind {
        SCHEMA, DATA, FUNCTION, TRIGGER;

        public boolean isMigration() {
            return this == SCHEMA || this == DATA;
        }
    }

    public GeneratedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        if (phase < 1 || phase > 3) {
            throw new IllegalArgumentException("phase must be 1, 2 or 3: " + phase);
        }
    }

    /** The file name, e.g. {@code 20260201090000_rename_moves_status_to_state_1_add_column.up.sql}. */
    public String fileName() {
        return path.getFileName().toString();
    }
}
