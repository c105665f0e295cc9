package dev.bascule.sql;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads script files as strict UTF-8: a bad byte is an error naming its offset and line, never a silent U+FFFD. */
public final class ScriptFiles {

    private ScriptFiles() {
    }

    /**
     * @throws IOException        when the file cannot be read
     * @throws ScriptSyntaxError  when the bytes are not valid UTF-8 (names byte offset, line and byte column)
     */
    public static String readUtf8(Path file) throws IOException {
        return decodeUtf8(file.toString(), Files.readAllBytes(file));
    }

    /** Decodes {@code bytes} strictly; {@code sourceName} is used in the error. */
    public static String decodeUtf8(String sourceName, byte[] bytes) {
        // Fast path: the String constructor replaces malformed input with U+FFFD, so a result without one is exact.
        // Only text holding U+FFFD (malformed, or written so on purpose) goes through the reporting decoder below.
        String fast = new String(bytes, StandardCharsets.UTF_8);
        if (fast.indexOf('\uFFFD') < 0) {
            return fast;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new ScriptSyntaxError(sourceName, line, offset - lineStart + 1, "invalid UTF-8 byte sequence at"
                    + " byte offset " + offset + "; save the file as UTF-8 (PostgreSQL scripts here must be UTF-8)");
        }
        out.flip();
        return out.toString();
    }
}
