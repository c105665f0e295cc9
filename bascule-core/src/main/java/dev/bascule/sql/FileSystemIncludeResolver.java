package dev.bascule.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link IncludeResolver} over the local file system, reading files as strict UTF-8. Relative source names
 * are relative to the working directory, and included files keep relative names so statements from them print
 * as the user wrote the paths.
 */
final class FileSystemIncludeResolver implements IncludeResolver {

    private final Path workingDirectory;

    FileSystemIncludeResolver(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    @Override
    public IncludedScript resolve(String includingSource, String path, boolean relativeToIncludingFile)
            throws IOException {
        Path name = (relativeToIncludingFile ? Path.of(includingSource).resolveSibling(path) : Path.of(path))
                .normalize();
        byte[] bytes = Files.readAllBytes(workingDirectory.resolve(name));
        return new IncludedScript(name.toString(), ScriptFiles.decodeUtf8(name.toString(), bytes));
    }

    @Override
    public String identity(String sourceName) {
        return workingDirectory.resolve(sourceName).toAbsolutePath().normalize().toString();
    }
}
