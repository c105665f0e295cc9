package dev.bascule.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's PostgreSQL 15 server programs ({@code initdb}, {@code postgres}, {@code pg_basebackup}, {@code pg_ctl})
 * and how to run them as a user the server accepts.
 *
 * <p>PostgreSQL refuses to run as root, and CI runs tests as root. Then the programs run through one of:
 * <ul>
 *   <li>{@code runuser -u postgres --} when the {@code postgres} system user exists (Debian's package creates it):
 *   the test's directories are handed to that user;</li>
 *   <li>{@code unshare -U}, the way zonky's embedded PostgreSQL runs as root: in a new user namespace with no id
 *   mapping the process, and every root-owned file, appear as the overflow user ({@code nobody}), so the server's
 *   "not root" and "data directory owned by me" checks pass, while the kernel still acts as the real user.</li>
 * </ul>
 * The system property {@code bascule.test.pg-run-as} ({@code direct}, {@code runuser}, {@code unshare}) forces one,
 * and {@code bascule.test.pg15-bin} points at other binaries.
 *
 * @param runAs the command prefix, empty when the programs run directly
 * @param owner the user the test's directories must belong to, or null to leave them as they are
 */
public record DebianPostgres(Path bin, List<String> runAs, UserPrincipal owner) {

    public static final Path DEFAULT_BIN = Path.of("/usr/lib/postgresql/15/bin");

    /**
     * The binaries and a way to run them, or the calling test is skipped with a one-line reason (also printed, so it
     * shows in the test output).
     */
    public static DebianPostgres assumeAvailable() {
        Path bin = Path.of(System.getProperty("bascule.test.pg15-bin", DEFAULT_BIN.toString()));
        for (String program : List.of("initdb", "postgres", "pg_basebackup", "pg_ctl")) {
            if (!Files.isExecutable(bin.resolve(program))) {
                return skip("Debian's PostgreSQL 15 server is not installed (no " + bin.resolve(program)
                        + "; apt-get install postgresql-15)");
            }
        }
        String forced = System.getProperty("bascule.test.pg-run-as", "");
        boolean root = isRoot();
        if (forced.equals("direct") || (forced.isEmpty() && !root)) {
            return new DebianPostgres(bin, List.of(), null);
        }
        UserPrincipal postgresUser = lookupUser("postgres");
        Path runuser = firstExecutable("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser");
        if ((forced.isEmpty() || forced.equals("runuser")) && postgresUser != null && runuser != null) {
            return new DebianPostgres(bin, List.of(runuser.toString(), "-u", "postgres", "--"), postgresUser);
        }
        if ((forced.isEmpty() || forced.equals("unshare")) && unshareWorks()) {
            return new DebianPostgres(bin, List.of("unshare", "-U"), null);
        }
        return skip("PostgreSQL refuses to run as root, and neither runuser with a 'postgres' user nor unshare -U"
                + " (user namespaces) is available" + (forced.isEmpty() ? "" : " (forced: " + forced + ")"));
    }

    /** A process builder for one of the server programs, wrapped as needed. */
    public ProcessBuilder command(String program, List<String> arguments) {
        List<String> command = new ArrayList<>(runAs);
        command.add(bin.resolve(program).toString());
        command.addAll(arguments);
        return new ProcessBuilder(command);
    }

    /** Makes {@code dir} usable by the server's user. */
    public void prepareDirectory(Path dir) {
        if (owner == null) {
            return;
        }
        try {
            Files.setOwner(dir, owner);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + dir + " to " + owner.getName(), e);
        }
    }

    private static DebianPostgres skip(String reason) {
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
        throw new AssertionError("unreachable");
    }

    private static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static UserPrincipal lookupUser(String name) {
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
        } catch (UserPrincipalNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path firstExecutable(String... candidates) {
        for (String candidate : candidates) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    private static boolean unshareWorks() {
        try {
            Process p = new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
