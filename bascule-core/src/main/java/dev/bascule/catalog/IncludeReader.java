package dev.bascule.catalog;

import dev.bascule.source.MigrationSource;
import dev.bascule.sql.IncludeResolver;
import dev.bascule.sql.ScriptFiles;
import dev.bascule.sql.ScriptSyntaxError;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads the files a migration includes, recording each answer (see {@link Includes} for where files are looked up).
 * Local files are read from the file system; other locations through their source, relative to the including
 * file and never above the location. Every file is decoded as strict UTF-8 and refused when it holds a NUL byte,
 * exactly as a migration file is.
 */
final class IncludeReader implements IncludeResolver {

    private final MigrationSource source;
    private final Path workingDirectory;
    private final Includes.Recorder recorder = new Includes.Recorder();

    IncludeReader(MigrationSource source, Path workingDirectory) {
        this.source = source;
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    Includes result() {
        return recorder.result();
    }

    @Override
    public IncludedScript resolve(String includingSource, String path, boolean relative) throws IOException {
        Includes.Request request = new Includes.Request(includingSource, path, relative);
        try {
            String name;
            byte[] bytes;
            if (source.location().isLocal()) {
                Path file = (relative ? Path.of(includingSource).toAbsolutePath().resolveSibling(path)
                        : workingDirectory.resolve(path)).normalize();
                name = file.toString();
                bytes = Files.readAllBytes(file);
            } else {
                String inside = insideLocation(includingSource, path);
                name = source.location().fileDisplay(inside);
                try (InputStream in = source.openRelative(inside)) {
                    bytes = in.readAllBytes();
                }
            }
            String text = ScriptFiles.decodeUtf8(name, bytes);
            NulBytes.first(text).ifPresent(at -> {
                throw new ScriptSyntaxError(name, at.line(), at.column(), NulBytes.MESSAGE);
            });
            IncludedScript script = new IncludedScript(name, text);
            recorder.read(request, script, bytes);
            return script;
        } catch (IOException | RuntimeException e) {
            recorder.failed(request, e);
            throw e;
        }
    }

    /**
     * The path, relative to the location, of the file {@code path} names from {@code includingSource} (a name this
     * location gave: {@code s3://bucket/prefix/dir/file.sql}); an include may not leave the location.
     */
    private String insideLocation(String includingSource, String path) throws IOException {
        String prefix = source.location().fileDisplay("");
        if (!includingSource.startsWith(prefix)) {
            throw new NoSuchFileException(path, null, "included from " + includingSource + ", which is not in "
                    + source.location());
        }
        if (path.startsWith("/") || path.contains("\\")) {
            throw new NoSuchFileException(path, null, "an include in " + source.location().scheme() + ": location "
                    + source.location() + " names a file relative to the including one, with / between folders");
        }
        String including = includingSource.substring(prefix.length());
        int slash = including.lastIndexOf('/');
        Deque<String> parts = new ArrayDeque<>();
        String joined = (slash < 0 ? "" : including.substring(0, slash + 1)) + path;
        for (String part : joined.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new NoSuchFileException(path, null, "leaves the location " + source.location()
                            + ": an include of a " + source.location().scheme() + ": migration must stay inside its"
                            + " location");
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    @Override
    public String identity(String sourceName) {
        return sourceName;
    }
}
