package dev.bascule.catalog;

import java.math.BigInteger;

/**
 * A migration version: a positive integer of up to 20 digits, compared numerically. Imported projects use
 * 14-digit UTC timestamps or 20-digit ones; both sort correctly against each other because comparison is numeric.
 *
 * <p>A final class rather than a record: a catalog of ten thousand files makes, hashes and prints ten thousand
 * versions, so the decimal text is kept once made, and equals/hashCode are plain methods instead of the records'
 * bootstrapped ones (a measurable part of a cold {@code status}).
 */
public final class Version implements Comparable<Version> {

    public static final int MAX_DIGITS = 20;

    /** Below 2^63 a value has at most 19 digits: no need to print it to check the limit. */
    private static final int ALWAYS_SHORT_ENOUGH_BITS = 63;

    private final BigInteger value;
    private String text;

    public Version(BigInteger value) {
        this(value, null);
    }

    /** @param text the decimal text of {@code value} when the caller already has it, else null */
    private Version(BigInteger value, String text) {
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("a version must be a positive integer, got " + value);
        }
        if (value.bitLength() >= ALWAYS_SHORT_ENOUGH_BITS && value.toString().length() > MAX_DIGITS) {
            throw new IllegalArgumentException("a version has at most " + MAX_DIGITS + " digits, got " + value);
        }
        this.value = value;
        this.text = text;
    }

    /** Parses digits as written in a file name; leading zeros are allowed and ignored. */
    public static Version parse(String digits) {
        if (digits.isEmpty() || digits.length() > MAX_DIGITS || !allDigits(digits)) {
            throw new IllegalArgumentException("'" + digits + "' is not a version: expected 1 to " + MAX_DIGITS + " digits");
        }
        // Up to 18 digits fit a long exactly, and BigInteger.valueOf is cheaper than parsing.
        // Without leading zeros the digits are already the decimal text: status prints thousands of these.
        return new Version(digits.length() <= 18 ? BigInteger.valueOf(Long.parseLong(digits)) : new BigInteger(digits),
                digits.charAt(0) != '0' ? digits : null);
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public BigInteger value() {
        return value;
    }

    @Override
    public int compareTo(Version other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = value.toString();
            text = t;
        }
        return t;
    }
}
