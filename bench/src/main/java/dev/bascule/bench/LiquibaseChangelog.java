package dev.bascule.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The generated migrations as one Liquibase formatted-SQL changelog: a changeset per file, in version order, with
 * the file's bytes as its body. {@code splitStatements:false} hands each body to the driver whole, because
 * Liquibase's own splitter cuts the {@code $$} function bodies the set holds; pgjdbc then sends the body's
 * statements itself.
 */
final class LiquibaseChangelog {

    static final String FILE_NAME = "changelog.sql";

    private LiquibaseChangelog() {
    }

    /** Writes {@code dir/changelog.sql} from the {@code V<version>__<name>.sql} files of {@code flywayDir}. */
    static Path write(Path flywayDir, Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(flywayDir)) {
            files = list.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted((a, b) -> version(a).compareTo(version(b))).toList();
        }
        StringBuilder changelog = new StringBuilder("--liquibase formatted sql\n");
        for (Path file : files) {
            changelog.append("\n--changeset bench:").append(version(file)).append(" splitStatements:false\n")
                    .append(Files.readString(file, StandardCharsets.UTF_8));
            if (changelog.charAt(changelog.length() - 1) != '\n') {
                changelog.append('\n');
            }
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(FILE_NAME), changelog, StandardCharsets.UTF_8);
        return dir;
    }

    private static java.math.BigInteger version(Path file) {
        String name = file.getFileName().toString();
        return new java.math.BigInteger(name.substring(1, name.indexOf("__")));
    }
}
