package dev.bascule.adopt;

import dev.bascule.error.Problem;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * golang-migrate's layout: {@code <version>_<name>.up.sql} and {@code .down.sql} in one folder (not its
 * subfolders), the version an unsigned 64-bit number (file name pattern from golang-migrate's source/parse.go).
 * Its PostgreSQL driver sends a whole file as one query, which PostgreSQL runs as one implicit transaction, so a
 * file stays one Bascule transaction unless it holds its own transaction control or a statement PostgreSQL
 * refuses in a transaction (golang-migrate ran such a file as a lone statement, outside any transaction).
 */
public final class GolangMigrateLayout extends SourceLayout {

    private static final Pattern FILE = Pattern.compile("([0-9]+)_(.*)\\.(down|up)\\.(.*)");
    private static final BigInteger MAX_UINT64 = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);

    @Override
    public String tool() {
        return "golang-migrate";
    }

    @Override
    String historyTable() {
        return GolangMigrateAdopter.TABLE;
    }

    @Override
    public String displayName() {
        return "golang-migrate";
    }

    private record Pair(String name, Optional<ImportedMigration.Part> up, Optional<ImportedMigration.Part> down) {
    }

    @Override
    Conversion read(Path dir) throws IOException {
        List<Problem> notConverted = new ArrayList<>();
        Map<BigInteger, Pair> byVersion = new TreeMap<>();
        Map<String, String> seen = new TreeMap<>();
        for (Path file : SourceFiles.list(dir)) {
            String name = file.getFileName().toString();
            Matcher m = FILE.matcher(name);
            if (!m.matches()) {
                notConverted.add(Problem.of(name, "not a golang-migrate migration name (<version>_<name>.up.sql or .down.sql)"));
                continue;
            }
            if (!m.group(4).equals("sql")) {
                notConverted.add(Problem.of(name, "a ." + m.group(4) + " migration: Bascule runs SQL files only"));
                continue;
            }
            BigInteger version = new BigInteger(m.group(1));
            if (version.compareTo(MAX_UINT64) > 0) {
                notConverted.add(Problem.of(name, "version " + m.group(1) + " exceeds golang-migrate's 64-bit versions"));
                continue;
            }
            String other = seen.putIfAbsent(version + "." + m.group(3), name);
            if (other != null) {
                notConverted.add(Problem.of(name, "a second " + m.group(3) + " file for version " + version + " (like "
                        + other + "): golang-migrate refuses duplicates, keep one"));
                continue;
            }
            Optional<ImportedMigration.Part> part = text(file, name, notConverted)
                    .flatMap(text -> sqlPart(name, text, Optional.empty(), notConverted));
            if (part.isEmpty()) {
                continue;
            }
            boolean up = m.group(3).equals("up");
            Pair pair = byVersion.getOrDefault(version, new Pair(m.group(2), Optional.empty(), Optional.empty()));
            byVersion.put(version, up ? new Pair(m.group(2), part, pair.down()) : new Pair(pair.name(), pair.up(), part));
        }
        List<ImportedMigration> migrations = new ArrayList<>();
        byVersion.forEach((version, pair) -> {
            if (pair.up().isEmpty()) {
                pair.down().ifPresent(down -> notConverted.add(Problem.of(down.source(), "a down file without an up file"
                        + " for version " + version + ": nothing to attach it to")));
            } else {
                migrations.add(new ImportedMigration(version.toString(), version, ImportedMigration.nameOf(pair.name()),
                        false, pair.up().get(), pair.down()));
            }
        });
        return new Conversion(migrations, notConverted, List.of(),
                "golang-migrate versions are kept as they are (leading zeros dropped: 000042_x becomes 42_x)");
    }
}
