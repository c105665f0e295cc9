package dev.bascule.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The inputs of the lexer fuzz job. Input {@code i} of seed {@code s} depends on nothing else, so one failing
 * input can be regenerated alone ({@code LexerFuzz --seed s --only i}).
 *
 * <p>A third are random: bytes read as ISO-8859-1 text, bytes decoded as UTF-8 (with replacement characters),
 * any UTF-16 chars (lone surrogates included), and soups of the characters and fragments that steer psql's lexer.
 * Two thirds are real MilMove files (or windows of up to 4 KB of the larger ones) with one to six mutations:
 * insertions of those fragments (quotes, {@code $tag$}, {@code /*}, {@code E'}, backslashes, {@code COPY ... FROM
 * stdin}, {@code \.} lines, {@code BEGIN ATOMIC} ...), deletions, duplications of a range, doubled or dropped
 * quote characters, truncation.
 */
final class FuzzInputs {

    /** Where an input came from, for the report. */
    enum Kind { RANDOM_BYTES, RANDOM_UTF8, RANDOM_CHARS, SOUP, MUTATED_FILE }

    record Input(long index, Kind kind, String source, String text) {
    }

    /** Single characters that change lexer state, and plain ones to keep words and numbers around. */
    private static final String STEERING_CHARS = "'\"$;-/*\\\n\r\t ()[]:.,&EeUuBbXxNn0123456789aZ_+<>=|é\uFEFF";

    /** Fragments inserted by mutations and glued into soups. */
    private static final List<String> FRAGMENTS = List.of(
            "'", "''", "\"", "\"\"", "$$", "$tag$", "$a$", "$1", "$", "/*", "*/", "/* /* */", "--", "-- x\n", "E'",
            "e'", "E'\\'", "U&'", "U&\"", "u&'", "B'", "X'", "N'", "\\", "\\\\", "\\'", "\\.", "\n\\.\n", "\\.\r\n",
            ";", ";\n", "COPY t (a, b) FROM stdin;\n", "COPY t FROM STDIN WITH (FORMAT csv);\n",
            "copy public.moves from stdin;\n1\tx\n", "\n", "\r\n", "\r", "BEGIN ATOMIC ", "END", " END;", "CASE ",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;",
            "CREATE OR REPLACE PROCEDURE p() BEGIN ATOMIC ", "(", ")", "((", "SET standard_conforming_strings = off;\n",
            "SET standard_conforming_strings TO on;\n", "RESET ALL;\n", "-- bascule:no-transaction\n", "-- bascule:",
            "\\i other.sql\n", "\\ir 'x y.sql'\n", "\\set x 1\n", "\uFEFF", "::", ":var", ":'var'", ":\"var\"", "é",
            "\uD83D\uDE00", "\uD800", "\uDC00", "\0", "\f", "\u000B", "1.5e-3", ".5", "1..2");

    private static final int MAX_WINDOW = 4096;

    private final long seed;
    private final List<CorpusFile> corpus;

    /** One file of the corpus, with the offsets of its line starts (windows begin at one). */
    record CorpusFile(String name, String text, int[] lineStarts) {
    }

    FuzzInputs(long seed, List<CorpusFile> corpus) {
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("the fuzz job needs at least one corpus file to mutate");
        }
        this.seed = seed;
        this.corpus = List.copyOf(corpus);
    }

    static CorpusFile corpusFile(String name, String text) {
        return new CorpusFile(name, text, SplitChecks.lineStarts(text));
    }

    long seed() {
        return seed;
    }

    Input input(long index) {
        SplittableRandom random = new SplittableRandom(mix(seed, index));
        int roll = random.nextInt(100);
        if (roll < 8) {
            return new Input(index, Kind.RANDOM_BYTES, "random", new String(bytes(random), StandardCharsets.ISO_8859_1));
        } else if (roll < 14) {
            return new Input(index, Kind.RANDOM_UTF8, "random", new String(bytes(random), StandardCharsets.UTF_8));
        } else if (roll < 20) {
            return new Input(index, Kind.RANDOM_CHARS, "random", chars(random));
        } else if (roll < 34) {
            return new Input(index, Kind.SOUP, "soup", soup(random));
        }
        CorpusFile file = corpus.get(random.nextInt(corpus.size()));
        return new Input(index, Kind.MUTATED_FILE, file.name(), mutate(random, window(random, file)));
    }

    private static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static byte[] bytes(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(513)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String chars(SplittableRandom random) {
        char[] chars = new char[random.nextInt(257)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) random.nextInt(0x10000);
        }
        return new String(chars);
    }

    private static String soup(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int parts = random.nextInt(120);
        for (int i = 0; i < parts; i++) {
            if (random.nextInt(4) == 0) {
                text.append(fragment(random));
            } else {
                text.append(STEERING_CHARS.charAt(random.nextInt(STEERING_CHARS.length())));
            }
        }
        return text.toString();
    }

    private static String fragment(SplittableRandom random) {
        return FRAGMENTS.get(random.nextInt(FRAGMENTS.size()));
    }

    /** A small file whole; of a larger one, up to 4 KB from the start of a random line. */
    private static String window(SplittableRandom random, CorpusFile file) {
        String text = file.text();
        if (text.length() <= MAX_WINDOW || random.nextInt(8) == 0 && text.length() <= 4 * MAX_WINDOW) {
            return text;
        }
        int start = file.lineStarts()[random.nextInt(file.lineStarts().length)];
        int end = Math.min(text.length(), start + 256 + random.nextInt(MAX_WINDOW - 255));
        return text.substring(start, end);
    }

    private static String mutate(SplittableRandom random, String original) {
        StringBuilder text = new StringBuilder(original);
        int mutations = 1 + random.nextInt(6);
        for (int i = 0; i < mutations; i++) {
            int at = random.nextInt(text.length() + 1);
            switch (random.nextInt(7)) {
                case 0, 1 -> text.insert(at, fragment(random));
                case 2 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(64)));
                case 3 -> {
                    int end = Math.min(text.length(), at + 1 + random.nextInt(256));
                    text.insert(random.nextInt(text.length() + 1), text.substring(at, end));
                }
                case 4 -> doubleOrDropQuote(random, text, at);
                case 5 -> {
                    if (at < text.length()) {
                        text.setCharAt(at, STEERING_CHARS.charAt(random.nextInt(STEERING_CHARS.length())));
                    }
                }
                default -> text.setLength(random.nextInt(4) == 0 ? at : text.length());
            }
        }
        return text.toString();
    }

    /** Doubles or removes the first quote-like character ({@code ' " $ \ / *}) at or after {@code from}. */
    private static void doubleOrDropQuote(SplittableRandom random, StringBuilder text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '$' || c == '\\' || c == '/' || c == '*') {
                if (random.nextBoolean()) {
                    text.insert(i, c);
                } else {
                    text.deleteCharAt(i);
                }
                return;
            }
        }
    }
}
