package dev.bascule.error;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes passwords from text before it reaches output: URL and driver messages, internal errors, stack traces.
 * Two layers, so that neither a URL we did not parse nor a message that quotes the bare value gets through:
 * <ul>
 *   <li>patterns: every {@code password=VALUE} (URL parameters, {@code PGPASSWORD=...}, {@code sslpassword=...})
 *   and the password of every {@code scheme://user:password@} user-info, up to the last {@code @} of the word, so
 *   a password holding {@code @} or {@code /} is masked whole;</li>
 *   <li>known values: each password this run knows of (from flags, the environment, the URL), as written,
 *   percent-encoded and percent-decoded. Values shorter than {@value #MIN_KNOWN_LENGTH} characters are not
 *   masked by value (masking every "ab" would garble the output); the patterns still apply to them.</li>
 * </ul>
 * Immutable; {@link #PATTERNS} knows no value.
 */
public final class SecretRedactor {

    /** What a masked secret reads as. */
    public static final String MASK = "****";

    /** The shortest password masked wherever its value appears. */
    public static final int MIN_KNOWN_LENGTH = 4;

    /** Masks by pattern only. */
    public static final SecretRedactor PATTERNS = new SecretRedactor(List.of());

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&\\s'\"]*");
    // scheme://user:  then everything up to the last '@' of the same word: a password holding '@' or '/' is masked
    // whole. One holding a space ends the word early: known values (the URL's own password) cover that case.
    private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://[^/@\\s:'\"]*:)[^\\s'\"]*@");

    private final List<String> values;

    private SecretRedactor(List<String> values) {
        this.values = values;
    }

    /** A redactor masking these values (nulls, blanks and short values are skipped) besides the patterns. */
    public static SecretRedactor of(Collection<String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret == null || secret.isBlank() || secret.length() < MIN_KNOWN_LENGTH) {
                continue;
            }
            forms.add(secret);
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
            if (secret.contains("%")) {
                try {
                    forms.add(URLDecoder.decode(secret, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    // Not a valid escape sequence: the value as written is masked already.
                }
            }
        }
        List<String> sorted = new ArrayList<>(forms.stream().filter(f -> f.length() >= MIN_KNOWN_LENGTH).toList());
        sorted.sort(Comparator.comparingInt(String::length).reversed()); // longest first: no half-masked value
        return new SecretRedactor(List.copyOf(sorted));
    }

    /** This redactor, also masking {@code more}. */
    public SecretRedactor and(Collection<String> more) {
        List<String> all = new ArrayList<>(values);
        all.addAll(more);
        return of(all);
    }

    /** Whether this redactor knows any value (besides its patterns). */
    public boolean knowsValues() {
        return !values.isEmpty();
    }

    /** The text with every known password and every URL password masked; null stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String value : values) {
            masked = masked.replace(value, MASK);
        }
        return redactPatterns(masked);
    }

    /** Masks URL passwords by pattern: {@code password=...} and {@code scheme://user:password@}. */
    public static String redactPatterns(String text) {
        if (text == null) {
            return null;
        }
        String masked = PASSWORD_PARAMETER.matcher(text).replaceAll("$1" + MASK);
        Matcher m = USER_INFO.matcher(masked);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK + "@"));
    }

    /** The password of a URL's {@code password=} parameters, as written (for {@link #of}). */
    public static List<String> passwordParameters(String url) {
        List<String> found = new ArrayList<>();
        if (url == null) {
            return found;
        }
        Matcher m = Pattern.compile("(?i)[?&;]password=([^&]*)").matcher(url);
        while (m.find()) {
            found.add(m.group(1));
        }
        Matcher info = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.:-]*://[^/@:]*:(.*)@").matcher(url);
        if (info.find()) {
            found.add(info.group(1));
        }
        return found;
    }

    /** A throwable's stack trace (causes and suppressed included), redacted. */
    public String stackTrace(Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        return redact(trace.toString());
    }

    @Override
    public String toString() {
        return "SecretRedactor(" + values.size() + " value forms)"; // never the values
    }
}
