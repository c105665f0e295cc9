package dev.bascule.source;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Local folders pass the source contract. */
class LocalFolderSourceContractTest extends MigrationSourceContract {

    @TempDir
    Path tmp;

    @Override
    protected Location locationWith(Map<String, String> files) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("migrations"));
        for (var file : files.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        Files.createDirectories(dir.resolve("nested"));
        Files.writeString(dir.resolve("nested/9_deep.up.sql"), "SELECT 9;");
        return Location.parse("migrations", tmp);
    }

    @Override
    protected Location missingLocation() {
        return Location.parse("no/such/folder", tmp);
    }

    @Override
    protected String scheme() {
        return "file";
    }
}
