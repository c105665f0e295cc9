package dev.bascule.generate;

import dev.bascule.error.BasculeException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keeps production secure migrations out of git: files under {@code tmp/} must be neither tracked nor committable.
 * Outside a git work tree (or without git installed) there is nothing to guard.
 */
public final class GitGuard {

    private static final long GIT_TIMEOUT_SECONDS = 10;

    private GitGuard() {
    }

    /**
     * Refuses when {@code tmpDir} (or anything in it) is tracked by git, or when {@code file} inside it would not be
     * ignored (a later {@code git add .} would commit it).
     */
    public static void refuseUnlessIgnored(Path workingDir, Path tmpDir, Path file, String command) {
        Git.Result inside = Git.run(workingDir, "rev-parse", "--is-inside-work-tree");
        if (inside == null || inside.exitCode() != 0 || !inside.out().strip().equals("true")) {
            return;
        }
        String tmp = GeneratedFiles.display(tmpDir, workingDir);
        Git.Result tracked = Git.run(workingDir, "ls-files", "--", tmp);
        if (tracked == null) {
            throw new BasculeException.Configuration(command + ": git did not answer within " + GIT_TIMEOUT_SECONDS
                    + " s, so it is unknown whether " + tmp + "/ is tracked; nothing was written: retry");
        }
        if (!tracked.out().isBlank()) {
            String first = tracked.out().lines().findFirst().orElse("");
            throw new BasculeException.Configuration(command + ": " + tmp + "/ is tracked by git (for example " + first
                    + "), so a production secure migration written there could be committed; nothing was written:"
                    + " untrack it (git rm -r --cached " + tmp + ") and add '" + tmp + "/' to .gitignore");
        }
        Git.Result ignored = Git.run(workingDir, "check-ignore", "-q", "--no-index", "--", GeneratedFiles.display(file, workingDir));
        if (ignored == null || ignored.exitCode() != 0) {
            throw new BasculeException.Configuration(command + ": " + GeneratedFiles.display(file, workingDir)
                    + " would not be ignored by git, so a production secure migration written there could be committed;"
                    + " nothing was written: add '" + tmp + "/' to .gitignore");
        }
    }

    /** Runs git with a time limit; answers null when git is missing or did not finish in time. */
    private static final class Git {

        record Result(int exitCode, String out) {
        }

        static Result run(Path dir, String... args) {
            List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
            command.addAll(List.of(args));
            Path output;
            try {
                // A file, not a pipe: a long listing cannot fill a pipe buffer and stall git past the time limit.
                output = Files.createTempFile("bascule-git", ".out");
            } catch (IOException e) {
                return null;
            }
            try {
                Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                        .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
                process.getOutputStream().close();
                if (!process.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return null;
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } finally {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // A leftover listing of file names in the temp folder holds nothing secret.
                }
            }
        }
    }
}
