package dev.bascule.lint.model;

import dev.bascule.lint.parse.Routine.Volatility;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The volatility of PostgreSQL's own functions ({@code pg_catalog}), read from {@code pg-catalog-volatility.txt}
 * the first time a rule asks: the names whose every overload is IMMUTABLE or STABLE in PostgreSQL 17's
 * {@code pg_proc}, with the most volatile class among the overloads. A {@code pg_catalog} name absent from the
 * list has a volatile overload (random, clock_timestamp, nextval, ...) or does not exist.
 * {@code BuiltinFunctionsTest} checks the list against a live server.
 */
public final class BuiltinFunctions {

    public static final String RESOURCE = "pg-catalog-volatility.txt";

    private BuiltinFunctions() {
    }

    /** Loaded on first use only: most lint runs never need it. */
    private static final class Holder {
        static final Map<String, Volatility> NON_VOLATILE = load();
    }

    /** IMMUTABLE or STABLE for a built-in function known to be so, else empty. */
    public static Optional<Volatility> volatility(String name) {
        return Optional.ofNullable(Holder.NON_VOLATILE.get(name));
    }

    /** The whole list, for the test that compares it with a server. */
    public static Map<String, Volatility> all() {
        return Holder.NON_VOLATILE;
    }

    private static Map<String, Volatility> load() {
        Map<String, Volatility> map = new HashMap<>(4096);
        try (InputStream in = BuiltinFunctions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the bascule-lint jar; rebuild it");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int space = line.indexOf(' ');
                if (space > 0 && !line.startsWith("#")) {
                    map.put(line.substring(0, space), Volatility.ofCode(line.charAt(space + 1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the bascule-lint jar", e);
        }
        return Map.copyOf(map);
    }
}
