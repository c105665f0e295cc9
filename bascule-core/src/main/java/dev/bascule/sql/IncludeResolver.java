package dev.bascule.sql;

import java.io.IOException;
import java.nio.file.Path;

/** Finds the file a psql {@code \i} / {@code \ir} meta-command names. */
public interface IncludeResolver {

    /** The text of an included file and the name statements and errors from it will carry. */
    record IncludedScript(String sourceName, String text) {
    }

    /**
     * @param includingSource the source name of the file holding the meta-command
     * @param path            the path written after {@code \i} / {@code \ir}
     * @param relativeToIncludingFile true for {@code \ir} (resolve against the including file's directory),
     *                                false for {@code \i} (resolve against the working directory)
     * @throws IOException when the file cannot be read; the parser reports it at the meta-command's line
     */
    IncludedScript resolve(String includingSource, String path, boolean relativeToIncludingFile) throws IOException;

    /** A key equal for two names of the same file, used to detect include cycles. */
    default String identity(String sourceName) {
        return sourceName;
    }

    /** Resolves includes on the file system; {@code \i} paths are relative to {@code workingDirectory}. */
    static IncludeResolver fileSystem(Path workingDirectory) {
        return new FileSystemIncludeResolver(workingDirectory);
    }
}
