package dev.bascule.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The password file libpq reads: {@code $PGPASSFILE}, else {@code $HOME/.pgpass} — {@code HOME} as libpq takes it
 * from the environment, not the JVM's {@code user.home}. Lines are {@code host:port:database:user:password}, {@code *}
 * matches anything, {@code \:} and {@code \\} escape. Like libpq, a file others can read is ignored.
 */
final class PgPass {

    private PgPass() {
    }

    /** The password of the first matching line, if any. */
    static Optional<String> lookup(Function<String, String> env, String host, String port, String database, String user) {
        Optional<Path> file = existing(env);
        if (file.isEmpty() || readableByOthers(file.get())) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file.get(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = split(line);
            if (fields.size() == 5 && matches(fields.get(0), host) && matches(fields.get(1), port)
                    && matches(fields.get(2), database) && matches(fields.get(3), user)) {
                return Optional.of(fields.get(4));
            }
        }
        return Optional.empty();
    }

    /** The password file, when there is one (most machines have none: then nothing else needs working out). */
    static Optional<Path> existing(Function<String, String> env) {
        return location(env).filter(Files::isRegularFile);
    }

    static Optional<Path> location(Function<String, String> env) {
        String explicit = env.apply("PGPASSFILE");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit));
        }
        String home = env.apply("HOME");
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home, ".pgpass"));
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value == null ? "" : value);
    }

    private static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    /** Splits on unescaped colons, unescaping {@code \:} and {@code \\}. */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }
}
