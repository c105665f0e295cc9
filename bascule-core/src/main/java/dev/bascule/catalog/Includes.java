package dev.bascule.catalog;

import dev.bascule.error.SourceSyntaxError;
import dev.bascule.source.MigrationSource;
import dev.bascule.sql.IncludeResolver;
import dev.bascule.sql.ScriptParser;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files a migration's {@code \i} / {@code \ir} meta-commands include, read once when the catalog is read. The
 * checksum covers them, and the runner splits the migration with {@link #resolver()}, which answers from what was
 * read then: the statements that run are exactly the bytes that were checksummed, and an applied migration whose
 * included function file was edited shows as changed.
 *
 * <p>Where an include is looked up (as psql does for local files):
 * <ul>
 *   <li>local folders: {@code \ir} relative to the including file's folder, {@code \i} relative to the working
 *   directory; any file the process can read;</li>
 *   <li>other locations ({@code classpath:}, {@code s3://}): both relative to the including file, inside the same
 *   location, read through its source (never above the location).</li>
 * </ul>
 * A failed include (missing file, invalid UTF-8) is kept and thrown again when the runner splits the migration, so
 * validate and migrate report it at the meta-command's file and line.
 */
public final class Includes {

    /** No include, or none resolved (a migration built without a catalog). */
    public static final Includes NONE = new Includes(List.of(), Map.of());

    /** The question the splitter asks: which file does this meta-command of that file name? */
    record Request(String includingSource, String path, boolean relative) {
    }

    /** What reading an included file gave: its script, or the failure to throw again. */
    record Outcome(IncludeResolver.IncludedScript script, Exception failure) {
    }

    /** One included file's bytes, in the order the splitter expanded it. */
    record IncludedBytes(String sourceName, byte[] bytes) {
    }

    private final List<IncludedBytes> files;
    private final Map<Request, Outcome> outcomes;

    Includes(List<IncludedBytes> files, Map<Request, Outcome> outcomes) {
        this.files = List.copyOf(files);
        this.outcomes = Map.copyOf(outcomes);
    }

    /**
     * Whether {@code text} may hold an include: every include meta-command starts with {@code \i}. A cheap test,
     * so that only the rare files mentioning it are split when the catalog is read.
     */
    static boolean mayInclude(String text) {
        return text.contains("\\i");
    }

    /**
     * Splits {@code text} (the SQL of the migration file {@code sourceName} of {@code source}) to find and read its
     * includes. A syntax error stops the search quietly: validate and migrate report it when they split the file.
     */
    static Includes resolve(String sourceName, String text, MigrationSource source, Path workingDirectory) {
        IncludeReader reader = new IncludeReader(source, workingDirectory);
        try {
            ScriptParser.parse(sourceName, text, reader);
        } catch (SourceSyntaxError reportedWhenPrepared) {
            // the includes read before the error still count: the checksum stays a function of the files
        }
        return reader.result();
    }

    /** The source names of the files included, in expansion order (a file included twice is listed twice). */
    public List<String> sourceNames() {
        if (files.isEmpty()) {
            return List.of(); // the usual case, asked for every applied migration by status
        }
        return files.stream().map(IncludedBytes::sourceName).toList();
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /**
     * The migration's checksum: SHA-256 of its own bytes alone when it includes nothing (so every checksum recorded
     * before includes were followed stays valid), else of its bytes followed, for each included file in expansion
     * order, by a NUL byte and that file's bytes.
     */
    String checksum(byte[] migrationBytes) {
        if (files.isEmpty()) {
            return Checksums.sha256(migrationBytes);
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(migrationBytes);
            for (IncludedBytes file : files) {
                digest.update((byte) 0);
                digest.update(file.bytes());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Answers the splitter from what was read when the catalog was: never reads a file again. */
    public IncludeResolver resolver() {
        return new IncludeResolver() {
            @Override
            public IncludedScript resolve(String includingSource, String path, boolean relative) throws IOException {
                Outcome outcome = outcomes.get(new Request(includingSource, path, relative));
                if (outcome == null) {
                    throw new NoSuchFileException(path, null, "not read when the migrations were listed");
                }
                if (outcome.failure() instanceof IOException io) {
                    throw io;
                }
                if (outcome.failure() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                return outcome.script();
            }
        };
    }

    /** Builds the outcomes map while the catalog's reader records. */
    static final class Recorder {
        private final java.util.ArrayList<IncludedBytes> files = new java.util.ArrayList<>();
        private final Map<Request, Outcome> outcomes = new LinkedHashMap<>();

        void read(Request request, IncludeResolver.IncludedScript script, byte[] bytes) {
            files.add(new IncludedBytes(script.sourceName(), bytes));
            outcomes.putIfAbsent(request, new Outcome(script, null));
        }

        void failed(Request request, Exception failure) {
            outcomes.putIfAbsent(request, new Outcome(null, failure));
        }

        Includes result() {
            return files.isEmpty() && outcomes.isEmpty() ? NONE : new Includes(files, outcomes);
        }
    }
}
