package dev.bascule.catalog;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Bytes → checked UTF-8 text and SHA-256 checksum, with the line of the first bad byte when decoding fails. */
public final class ScriptText {

    private ScriptText() {
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Decodes strictly. A leading UTF-8 byte-order mark is dropped (PostgreSQL would reject it as a syntax error).
     *
     * @throws InvalidUtf8 naming the 1-based line and byte offset of the first invalid byte
     */
    public static String decodeUtf8(byte[] bytes) throws InvalidUtf8 {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstInvalidByte(bytes, start);
            int line = 1;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new InvalidUtf8(line, bad);
        }
    }

    private static int firstInvalidByte(byte[] bytes, int from) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(Math.max(16, bytes.length));
        decoder.decode(in, out, true);
        return in.position();
    }

    /** The text is not valid UTF-8. */
    public static final class InvalidUtf8 extends Exception {
        private final int line;
        private final int byteOffset;

        public InvalidUtf8(int line, int byteOffset) {
            super("invalid UTF-8 at line " + line + " (byte offset " + byteOffset + "): save the file as UTF-8");
            this.line = line;
            this.byteOffset = byteOffset;
        }

        public int line() {
            return line;
        }

        public int byteOffset() {
            return byteOffset;
        }
    }
}
