package dev.bascule.run.batch;

import dev.bascule.config.Durations;
import dev.bascule.error.BasculeException;
import dev.bascule.sql.Directive;
import dev.bascule.sql.DirectiveKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The argument of {@code -- bascule:batch size=5000 [key=COLUMN] [pause=100ms] [max-lag=10s] [lock-timeout=2s]
 * [statement-timeout=30s]}.
 *
 * @param size             rows of the key walked per batch (each batch is one transaction)
 * @param keyColumn        the column to walk, folded like PostgreSQL folds identifiers; empty: the primary key
 * @param pause            sleep between two batches (zero: none)
 * @param maxLag           wait before a batch while a replica's replay lag exceeds this (read by the throttle)
 * @param lockTimeout      {@code SET LOCAL lock_timeout} in each batch; empty: the session's
 * @param statementTimeout {@code SET LOCAL statement_timeout} in each batch; empty: the session's
 */
public record BatchOptions(int size, Optional<String> keyColumn, Duration pause, Optional<Duration> maxLag,
                           Optional<Duration> lockTimeout, Optional<Duration> statementTimeout) {

    /** A batch is one transaction: more than this many rows would hold locks for seconds. */
    public static final int MAX_SIZE = 1_000_000;

    private static final List<String> KNOWN = List.of("size", "key", "pause", "max-lag", "lock-timeout",
            "statement-timeout");

    public BatchOptions {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be 1.." + MAX_SIZE + ": " + size);
        }
    }

    /** Options with only a size: the primary key, no pause, the session's timeouts. */
    public static BatchOptions ofSize(int size) {
        return new BatchOptions(size, Optional.empty(), Duration.ZERO, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** Parses a {@code bascule:batch} directive's argument; errors name the directive's file and line. */
    public static BatchOptions parse(Directive directive) {
        if (directive.kind() != DirectiveKind.BATCH) {
            throw new IllegalArgumentException("not a batch directive: " + directive.kind());
        }
        return parse(directive.argument(), directive.sourceName(), directive.line());
    }

    /** Parses {@code size=N key=COLUMN ...}; {@code sourceName} and {@code line} locate errors. */
    public static BatchOptions parse(String argument, String sourceName, int line) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String item : items(argument, sourceName, line)) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw error(sourceName, line, "'" + item + "' is not an option; write NAME=VALUE, for example size=5000");
            }
            String name = item.substring(0, eq);
            String value = item.substring(eq + 1);
            if (!KNOWN.contains(name)) {
                throw error(sourceName, line, "unknown option '" + name + "'; known options: " + String.join(", ", KNOWN));
            }
            if (value.isEmpty()) {
                throw error(sourceName, line, "option " + name + " has no value; write " + name + "=VALUE");
            }
            if (values.put(name, value) != null) {
                throw error(sourceName, line, "option " + name + " is given twice; keep one");
            }
        }
        String size = values.get("size");
        if (size == null) {
            throw error(sourceName, line, "size is missing; write for example -- bascule:batch size=5000");
        }
        return new BatchOptions(size(size, sourceName, line),
                Optional.ofNullable(values.get("key")).map(k -> identifier(k, sourceName, line)),
                Optional.ofNullable(values.get("pause")).map(v -> duration("pause", v, sourceName, line))
                        .orElse(Duration.ZERO),
                Optional.ofNullable(values.get("max-lag")).map(v -> duration("max-lag", v, sourceName, line)),
                Optional.ofNullable(values.get("lock-timeout")).map(v -> duration("lock-timeout", v, sourceName, line)),
                Optional.ofNullable(values.get("statement-timeout"))
                        .map(v -> duration("statement-timeout", v, sourceName, line)));
    }

    /** Splits on white space outside double quotes ({@code key="Order Id"}). */
    private static List<String> items(String argument, String sourceName, int line) {
        List<String> items = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && Character.isWhitespace(c)) {
                if (current.length() > 0) {
                    items.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw error(sourceName, line, "unterminated \" in '" + argument + "'");
        }
        if (current.length() > 0) {
            items.add(current.toString());
        }
        return items;
    }

    private static int size(String text, String sourceName, int line) {
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9') || text.length() > 9) {
            throw error(sourceName, line, "size=" + text + " is not a whole number of rows; write for example size=5000");
        }
        int size = Integer.parseInt(text);
        if (size < 1 || size > MAX_SIZE) {
            throw error(sourceName, line, "size=" + text + " is out of range: write 1 to " + MAX_SIZE
                    + " (each batch is one transaction; a few thousand rows keep it short)");
        }
        return size;
    }

    private static Duration duration(String name, String text, String sourceName, int line) {
        try {
            return Durations.parse(text, name);
        } catch (BasculeException.Configuration e) {
            throw error(sourceName, line, e.getMessage());
        }
    }

    /** A column name: unquoted (folded to lower case, as PostgreSQL does) or {@code "Quoted"}. */
    private static String identifier(String text, String sourceName, int line) {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            String inner = text.substring(1, text.length() - 1);
            if (!inner.isEmpty() && !inner.replace("\"\"", "").contains("\"")) {
                return inner.replace("\"\"", "\"");
            }
        } else if (!text.isEmpty() && (Character.isLetter(text.charAt(0)) || text.charAt(0) == '_')
                && text.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
            return text.toLowerCase(Locale.ROOT);
        }
        throw error(sourceName, line, "key=" + text + " is not a column name; write key=column or key=\"Column Name\"");
    }

    private static BatchStatementError error(String sourceName, int line, String detail) {
        return new BatchStatementError(sourceName, line, 1, "bascule:batch: " + detail);
    }
}
