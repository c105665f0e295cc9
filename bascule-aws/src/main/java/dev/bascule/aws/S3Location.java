package dev.bascule.aws;

import java.util.regex.Pattern;

/**
 * An {@code s3://bucket/prefix} location: a bucket and a folder-like key prefix (without leading or trailing
 * slash, empty for the bucket root). Object names inside it are bare file names.
 */
public record S3Location(String bucket, String prefix) {

    /** S3's bucket naming rules (3-63 characters of lower-case letters, digits, dots and hyphens). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3Location {
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("Invalid S3 bucket name '" + bucket
                    + "': use 3-63 lower-case letters, digits, dots or hyphens, as in s3://my-bucket/secure-migrations");
        }
        prefix = prefix == null ? "" : stripSlashes(prefix);
        if (prefix.contains("//")) {
            throw new IllegalArgumentException("Invalid S3 prefix '" + prefix + "' in s3://" + bucket
                    + "/" + prefix + ": remove the empty path segment (double slash)");
        }
    }

    /** Parses {@code s3://bucket}, {@code s3://bucket/} or {@code s3://bucket/some/prefix/}. */
    public static S3Location parse(String location) {
        if (location == null || !location.startsWith("s3://")) {
            throw new IllegalArgumentException("Invalid S3 location '" + location
                    + "': it must look like s3://bucket/prefix");
        }
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return new S3Location(rest, "");
        }
        return new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The key of one object directly inside this location. */
    public String keyOf(String name) {
        checkName(name);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** The prefix to list with: the folder path followed by "/", or empty for the bucket root. */
    public String listPrefix() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    /** The full URI of one object, as shown in messages: {@code s3://bucket/prefix/name}. */
    public String uriOf(String name) {
        return "s3://" + bucket + "/" + keyOf(name);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }

    /** Object names are bare file names: a slash would reach outside the location's flat listing. */
    static void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("Invalid migration file name '" + name
                    + "': use a bare file name such as 20240101120000_add_users.up.sql (no slashes)");
        }
    }

    private static String stripSlashes(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '/') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '/') {
            end--;
        }
        return text.substring(start, end);
    }
}
