package dev.bascule.sql.bench;

import dev.bascule.sql.Lexer;
import dev.bascule.sql.ScriptFiles;
import dev.bascule.sql.ScriptParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Lexing throughput over every SQL file of the MilMove corpus, on one thread: warm-up passes, then timed
 * passes, printing MB/s (UTF-8 bytes of input per second) for {@code Lexer.tokenize} (Token objects) and for
 * {@code ScriptParser.parse} (the splitter, which scans without materialising tokens).
 *
 * <p>Usage: {@code LexerThroughput CORPUS_DIR [WARMUP_PASSES] [TIMED_PASSES]}; see bench/lexer-throughput.sh.
 */
public final class LexerThroughput {

    private LexerThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpora/milmove");
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        List<String> texts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        long bytes = 0;
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                String text = ScriptFiles.readUtf8(file);
                texts.add(text);
                names.add(file.toString());
                bytes += text.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        System.out.printf(Locale.ROOT, "corpus: %d files, %.1f MB (%s)%n", texts.size(), bytes / 1e6, corpus);
        measure("Lexer.tokenize", bytes, warmups, passes, () -> {
            long tokens = 0;
            for (int i = 0; i < texts.size(); i++) {
                tokens += Lexer.tokenize(names.get(i), texts.get(i)).size();
            }
            return tokens;
        });
        measure("ScriptParser.parse", bytes, warmups, passes, () -> {
            long statements = 0;
            for (int i = 0; i < texts.size(); i++) {
                statements += ScriptParser.parse(names.get(i), texts.get(i)).statements().size();
            }
            return statements;
        });
    }

    private interface Pass {
        long run();
    }

    private static void measure(String label, long bytes, int warmups, int passes, Pass pass) {
        long count = 0;
        for (int i = 0; i < warmups; i++) {
            count = pass.run();
        }
        double best = Double.MAX_VALUE;
        double total = 0;
        for (int i = 0; i < passes; i++) {
            long start = System.nanoTime();
            count = pass.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            best = Math.min(best, seconds);
            total += seconds;
        }
        System.out.printf(Locale.ROOT, "%-20s %8.1f MB/s mean, %8.1f MB/s best over %d passes (%d results per pass)%n",
                label, bytes / 1e6 / (total / passes), bytes / 1e6 / best, passes, count);
    }
}
