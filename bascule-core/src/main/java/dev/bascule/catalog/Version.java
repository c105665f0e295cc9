package dev.bascule.catalog;

import java.math.BigInteger;

/**
 * A migration version: a positive integer of up to 20 digits, compared numerically. Imported projects use
 * 14-digit UTC timestamps or 20-digit ones; both sort correctly against each other because comparison is numeric.
 */
public record Version(BigInteger value) implements Comparable<Version> {

    public static final int MAX_DIGITS = 20;

    public Version {
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("a version must be a positive integer, got " + value);
        }
        if (value.toString().length() > MAX_DIGITS) {
            throw new IllegalArgumentException("a version has at most " + MAX_DIGITS + " digits, got " + value);
        }
    }

    /** Parses digits as written in a file name; leading zeros are allowed and ignored. */
    public static Version parse(String digits) {
        if (digits.isEmpty() || digits.length() > MAX_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + digits + "' is not a version: expected 1 to " + MAX_DIGITS + " digits");
        }
        return new Version(new BigInteger(digits));
    }

    @Override
    public int compareTo(Version other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
