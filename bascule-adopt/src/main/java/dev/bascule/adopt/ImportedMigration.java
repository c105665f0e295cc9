package dev.bascule.adopt;

import java.math.BigInteger;
import java.util.Optional;

/**
 * One migration of another tool, read and judged, ready to be written as Bascule files.
 *
 * @param key        the tool's identity of it (its version as written, or a script or folder name)
 * @param version    its Bascule version (for repeatable files: unused, they are numbered in run order)
 * @param name       the name part of the Bascule file name
 * @param repeatable whether it belongs in a repeatable stage (Flyway's {@code R__} files)
 * @param up         the forward script
 * @param down       the reverting script, when the tool had one
 */
record ImportedMigration(String key, BigInteger version, String name, boolean repeatable, Part up, Optional<Part> down) {

    /**
     * One script to write.
     *
     * @param source        the file it came from, relative to the tool's folder (a dbmate section says which)
     * @param body          the original text, byte for byte apart from a UTF-8 byte order mark
     * @param noTransaction why it must run without a wrapping transaction, when it must
     */
    record Part(String source, String body, Optional<String> noTransaction) {
    }

    ImportedMigration withVersion(BigInteger newVersion) {
        return new ImportedMigration(key, newVersion, name, repeatable, up, down);
    }

    /** A Bascule name: the tool's, or {@code migration} when the tool's was empty. */
    static String nameOf(String toolName) {
        String n = toolName.strip();
        return n.isEmpty() ? "migration" : n;
    }
}
