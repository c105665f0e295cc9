package dev.bascule;

import java.util.List;

/**
 * What the user gave on the command line (or a build plugin's configuration), highest priority; null or empty when
 * not given. {@link Project#settings(Overrides)} applies them over {@code bascule.yml} and the process environment.
 *
 * @param environment    the environment of {@code bascule.yml} to use
 * @param url            {@code jdbc:postgresql://...} or {@code postgres://user:pass@host/db}
 * @param embedded       use the embedded PostgreSQL 17 (data in {@code .bascule/})
 * @param target         apply nothing above this version (digits)
 * @param lockWait       how long to wait for another runner's lock, e.g. {@code 60s}
 * @param lockTimeout    PostgreSQL lock_timeout for statements, e.g. {@code 10s}
 * @param connectTimeout how long connecting and logging in may take, e.g. {@code 10s}
 */
public record Overrides(String environment, String url, String user, String password, List<String> paths,
                        String manifest, boolean embedded, String target, String lockWait, String lockTimeout,
                        String connectTimeout, String role) {

    public Overrides {
        paths = paths == null ? List.of() : List.copyOf(paths);
    }

    /** Without a role flag. */
    public Overrides(String environment, String url, String user, String password, List<String> paths, String manifest,
                     boolean embedded, String target, String lockWait, String lockTimeout, String connectTimeout) {
        this(environment, url, user, password, paths, manifest, embedded, target, lockWait, lockTimeout, connectTimeout, null);
    }

    /** Nothing given: {@code bascule.yml} and the process environment decide. */
    public static Overrides none() {
        return new Overrides(null, null, null, null, List.of(), null, false, null, null, null, null);
    }

    public Overrides withPaths(List<String> paths, String manifest) {
        return new Overrides(environment, url, user, password, paths, manifest, embedded, target, lockWait, lockTimeout,
                connectTimeout, role);
    }

    public Overrides withEmbedded(boolean embedded) {
        return new Overrides(environment, url, user, password, paths, manifest, embedded, target, lockWait, lockTimeout,
                connectTimeout, role);
    }
}
