package dev.bascule.adopt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The checksum Flyway records for a SQL migration: a CRC-32 over the UTF-8 bytes of each line without its line
 * break (lines as {@link BufferedReader#readLine()} cuts them, a byte order mark dropped), stored as a signed int.
 * Flyway's own ChecksumCalculator does this; the adoption test checks the two agree on real Flyway rows.
 */
final class FlywayChecksum {

    private FlywayChecksum() {
    }

    static int of(String text) {
        CRC32 crc = new CRC32();
        try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
            String line = reader.readLine();
            boolean first = true;
            while (line != null) {
                if (first && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                first = false;
                crc.update(line.getBytes(StandardCharsets.UTF_8));
                line = reader.readLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
        return (int) crc.getValue();
    }
}
