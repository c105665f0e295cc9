package dev.bascule.bench;

import dev.bascule.sql.Lexer;
import dev.bascule.sql.Script;
import dev.bascule.sql.ScriptParser;
import dev.bascule.sql.ScriptSyntaxError;
import dev.bascule.sql.Token;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The lexer fuzz job: feeds random and mutated inputs ({@link FuzzInputs}) to {@code Lexer.tokenize} and
 * {@code ScriptParser.parse} and checks that the only exception is {@link ScriptSyntaxError} (locating a line and
 * column of the input), that the tokens cover every character in order ({@link SplitChecks}), that the parser
 * fails whenever the lexer does, and that the statements cover every significant token. Prints inputs/s and the
 * syntax errors seen; saves every failing input (up to 50) to the failures folder; exits 1 when any input failed.
 *
 * <p>Usage: {@code LexerFuzz --corpus DIR [--seed N] [--count N] [--failures DIR] [--only INDEX]}; see
 * bench/lexer-fuzz.sh.
 */
public final class LexerFuzz {

    private static final int MAX_SAVED = 50;
    private static final long REPORT_EVERY = 100_000;

    private LexerFuzz() {
    }

    record Options(Path corpus, long seed, long count, Path failures, Long only) {
        static Options parse(String[] args) {
            Path corpus = null;
            long seed = 1;
            long count = 1_000_000;
            Path failures = Path.of("bench/target/lexer-fuzz-failures");
            Long only = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i++]) {
                    case "--corpus" -> corpus = Path.of(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--count" -> count = Long.parseLong(value.replace("_", ""));
                    case "--failures" -> failures = Path.of(value);
                    case "--only" -> only = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i - 1]
                            + "; usage: LexerFuzz --corpus DIR [--seed N] [--count N] [--failures DIR] [--only INDEX]");
                }
            }
            if (corpus == null || !Files.isDirectory(corpus)) {
                throw new IllegalArgumentException("--corpus must name a folder of .sql files (e.g. the MilMove"
                        + " corpus, shared/corpora/milmove), got " + corpus);
            }
            return new Options(corpus, seed, count, failures, only);
        }
    }

    /** Counts of one run. */
    private static final class Tally {
        final Map<FuzzInputs.Kind, Long> inputs = new EnumMap<>(FuzzInputs.Kind.class);
        final Map<String, Long> errors = new TreeMap<>();
        long chars;
        long lexerErrors;
        long parserErrors;
        long tokens;
        long statements;
        long failures;
    }

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        List<FuzzInputs.CorpusFile> corpus = readCorpus(options.corpus());
        FuzzInputs inputs = new FuzzInputs(options.seed(), corpus);
        if (options.only() != null) {
            FuzzInputs.Input input = inputs.input(options.only());
            String problem = check(input, new Tally());
            System.out.println(input.kind() + " from " + input.source() + ", " + input.text().length() + " chars:");
            System.out.println(input.text());
            System.out.println(problem == null ? "OK" : "FAILED: " + problem);
            System.exit(problem == null ? 0 : 1);
        }
        long corpusChars = corpus.stream().mapToLong(f -> f.text().length()).sum();
        System.out.printf(Locale.ROOT, "lexer fuzz: seed %d, %,d inputs, corpus %d files (%.1f M chars) from %s%n",
                options.seed(), options.count(), corpus.size(), corpusChars / 1e6, options.corpus());
        Tally tally = new Tally();
        List<Path> saved = new ArrayList<>();
        ProgressWatchdog watchdog = ProgressWatchdog.start(options.failures(), inputs);
        long started = System.nanoTime();
        for (long i = 0; i < options.count(); i++) {
            FuzzInputs.Input input = inputs.input(i);
            watchdog.entering(i);
            String problem = check(input, tally);
            if (problem != null) {
                tally.failures++;
                if (saved.size() < MAX_SAVED) {
                    saved.add(save(options.failures(), options.seed(), input, problem));
                }
                System.out.println("FAILED input " + i + " (" + input.kind() + ", " + input.source() + "): "
                        + firstLine(problem));
            }
            if ((i + 1) % REPORT_EVERY == 0) {
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "  %,d inputs, %.0f inputs/s, %d failures%n", i + 1, (i + 1) / seconds,
                        tally.failures);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        watchdog.stop();
        report(options, tally, seconds, saved);
        System.exit(tally.failures == 0 ? 0 : 1);
    }

    /** Checks one input; returns null when every property holds. */
    static String check(FuzzInputs.Input input, Tally tally) {
        String name = "fuzz-" + input.index() + ".sql";
        String text = input.text();
        tally.inputs.merge(input.kind(), 1L, Long::sum);
        tally.chars += text.length();
        List<Token> tokens = null;
        ScriptSyntaxError lexerError = null;
        try {
            tokens = Lexer.tokenize(name, text);
            tally.tokens += tokens.size();
            String problem = SplitChecks.tokensCover(text, tokens);
            if (problem != null) {
                return "Lexer.tokenize: " + problem;
            }
        } catch (ScriptSyntaxError e) {
            lexerError = e;
            tally.lexerErrors++;
            String problem = SplitChecks.errorLocates(name, text, e);
            if (problem != null) {
                return "Lexer.tokenize: " + problem + " (" + e.getMessage() + ")";
            }
        } catch (RuntimeException | StackOverflowError e) {
            return "Lexer.tokenize threw " + stackTrace(e);
        }
        try {
            Script script = ScriptParser.parse(name, text);
            tally.statements += script.statements().size();
            if (lexerError != null) {
                return "ScriptParser.parse accepted what Lexer.tokenize rejected: " + lexerError.getMessage();
            }
            String problem = SplitChecks.statementsCover(text, tokens, script.statements());
            if (problem == null) {
                problem = SplitChecks.statementsStandAlone(text, script.statements());
            }
            return problem == null ? null : "ScriptParser.parse: " + problem;
        } catch (ScriptSyntaxError e) {
            tally.parserErrors++;
            tally.errors.merge(errorKind(e.detail()), 1L, Long::sum);
            String problem = SplitChecks.errorLocates(name, text, e);
            return problem == null ? null : "ScriptParser.parse: " + problem + " (" + e.getMessage() + ")";
        } catch (RuntimeException | StackOverflowError e) {
            return "ScriptParser.parse threw " + stackTrace(e);
        }
    }

    /** The detail up to its first ':' or ';' (the kind of error, without the quoted text). */
    private static String errorKind(String detail) {
        int cut = detail.length();
        for (char stop : new char[] {';', ':', '\'', '('}) {
            int at = detail.indexOf(stop);
            if (at > 0 && at < cut) {
                cut = at;
            }
        }
        String kind = detail.substring(0, cut).replaceAll("\\$[^$\\s]*\\$", "\\$tag\\$")
                .replaceAll("\\\\\\S*", "\\\\cmd");
        int after = kind.indexOf(" after \\cmd");
        return (after < 0 ? kind : kind.substring(0, after + " after \\cmd".length())).strip();
    }

    private static void report(Options options, Tally tally, double seconds, List<Path> saved) {
        long inputs = tally.inputs.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "%,d inputs (%s), %.1f M chars, in %.1f s: %.0f inputs/s, %.1f M chars/s%n",
                inputs, tally.inputs, tally.chars / 1e6, seconds, inputs / seconds, tally.chars / 1e6 / seconds);
        System.out.printf(Locale.ROOT, "Lexer.tokenize: %,d tokens, %,d syntax errors (%.1f%%)%n", tally.tokens,
                tally.lexerErrors, 100.0 * tally.lexerErrors / inputs);
        System.out.printf(Locale.ROOT, "ScriptParser.parse: %,d statements, %,d syntax errors (%.1f%%):%n",
                tally.statements, tally.parserErrors, 100.0 * tally.parserErrors / inputs);
        tally.errors.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.printf(Locale.ROOT, "  %,9d  %s%n", e.getValue(), e.getKey()));
        System.out.printf(Locale.ROOT, "failures (any other exception, a gap or overlap, a misplaced token or"
                + " statement): %d%n", tally.failures);
        if (!saved.isEmpty()) {
            System.out.println("failing inputs saved in " + options.failures().toAbsolutePath() + "; regenerate one with"
                    + " --seed " + options.seed() + " --only INDEX");
        }
    }

    static List<FuzzInputs.CorpusFile> readCorpus(Path folder) throws IOException {
        List<FuzzInputs.CorpusFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path file : paths.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                files.add(FuzzInputs.corpusFile(folder.relativize(file).toString(), text));
            }
        }
        return files;
    }

    /** Writes the input as UTF-8 (.sql) and, exactly, as a Java string literal with the problem (.txt). */
    static Path save(Path folder, long seed, FuzzInputs.Input input, String problem) {
        try {
            Files.createDirectories(folder);
            String base = "seed" + seed + "-input" + input.index();
            // Lone surrogates have no UTF-8 form (they become '?' here): the .txt holds the exact input.
            Files.write(folder.resolve(base + ".sql"), input.text().getBytes(StandardCharsets.UTF_8));
            return Files.writeString(folder.resolve(base + ".txt"), input.kind() + " from " + input.source()
                    + "\n" + problem + "\n\nJava literal of the input:\n" + javaLiteral(input.text()) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot save a failing input in " + folder, e);
        }
    }

    static String javaLiteral(String text) {
        StringBuilder literal = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        literal.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        literal.append(c);
                    }
                }
            }
        }
        return literal.append('"').toString();
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
