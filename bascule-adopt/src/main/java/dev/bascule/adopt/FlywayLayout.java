package dev.bascule.adopt;

import dev.bascule.error.Problem;
import dev.bascule.error.SourceSyntaxError;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's SQL layout (default naming), scanned recursively as Flyway scans a location: {@code V1_2__name.sql}
 * versioned (version 1.2, mapped to an integer by {@link FlywayVersionMapping}), {@code U1_2__name.sql} its undo
 * (a Bascule down file), {@code R__name.sql} repeatable (a repeatable stage, in Flyway's order: by description).
 * A file runs without a transaction when its {@code .sql.conf} says {@code executeInTransaction=false} or when it
 * holds a statement PostgreSQL refuses in a transaction (Flyway then runs it outside one too). Left out, each
 * with the reason: callbacks, baseline ({@code B}) files, Java migrations, files using placeholders (Bascule
 * has none), script configs Bascule cannot honour.
 */
public final class FlywayLayout extends SourceLayout {

    private static final Pattern VERSIONED = Pattern.compile("([VU])(.*?)__(.*)\\.sql");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.*)\\.sql");
    private static final Pattern BASELINE = Pattern.compile("B(.*?)__(.*)\\.sql");
    private static final Pattern CALLBACK = Pattern.compile("(before|after)[A-Z][A-Za-z]*(__.*)?\\.sql|createSchema(__.*)?\\.sql");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}\\n]*)}");

    @Override
    public String tool() {
        return "flyway";
    }

    @Override
    String historyTable() {
        return FlywayAdopter.TABLE;
    }

    @Override
    public String displayName() {
        return "Flyway";
    }

    private record Script(String source, String description, ImportedMigration.Part part) {
    }

    @Override
    Conversion read(Path dir) throws IOException {
        List<Problem> notConverted = new ArrayList<>();
        Map<FlywayVersion, List<Script>> upFiles = new TreeMap<>();
        Map<FlywayVersion, List<Script>> undoFiles = new TreeMap<>();
        Map<String, List<Script>> repeatableFiles = new TreeMap<>();
        for (Path file : SourceFiles.walk(dir)) {
            String rel = SourceFiles.relative(dir, file);
            String name = file.getFileName().toString();
            Matcher versioned = VERSIONED.matcher(name);
            Matcher repeatable = REPEATABLE.matcher(name);
            if (name.endsWith(".sql.conf")) {
                if (!Files.exists(file.resolveSibling(name.substring(0, name.length() - ".conf".length())))) {
                    notConverted.add(Problem.of(rel, "a Flyway script configuration whose script is missing: nothing to convert"));
                }
            } else if (!name.endsWith(".sql")) {
                notConverted.add(Problem.of(rel, name.matches("[VUR].*__.*\\.(java|class|kt|groovy|sh|ps1|py|bat|cmd)")
                        ? "a Flyway " + extension(name) + " migration: Bascule runs SQL files only; rewrite it as SQL"
                        : "not a Flyway SQL migration (they end in .sql)"));
            } else if (CALLBACK.matcher(name).matches()) {
                notConverted.add(Problem.of(rel, "a Flyway callback, not a migration: Bascule does not run callbacks;"
                        + " re-create what it does another way (a repeatable file, or a command around 'bascule migrate')"));
            } else if (BASELINE.matcher(name).matches()) {
                notConverted.add(Problem.of(rel, "a Flyway baseline migration (B prefix): Bascule runs the versioned files"
                        + " themselves; databases Flyway baselined are adopted with 'bascule adopt flyway'"));
            } else if (repeatable.matches()) {
                String description = repeatable.group(1).replace('_', ' ');
                part(file, rel, notConverted).ifPresent(p -> repeatableFiles.computeIfAbsent(description, k -> new ArrayList<>())
                        .add(new Script(rel, repeatable.group(1), p)));
            } else if (versioned.matches()) {
                Optional<FlywayVersion> version = FlywayVersion.parse(versioned.group(2));
                if (version.isEmpty()) {
                    notConverted.add(Problem.of(rel, "'" + versioned.group(2) + "' is not a Flyway version (digits"
                            + " separated by '.' or '_', as in V1_2__add_email.sql)"));
                    continue;
                }
                Optional<ImportedMigration.Part> part = part(file, rel, notConverted);
                if (part.isEmpty()) {
                    continue;
                }
                (versioned.group(1).equals("V") ? upFiles : undoFiles).computeIfAbsent(version.get(), k -> new ArrayList<>())
                        .add(new Script(rel, versioned.group(3), part.get()));
            } else {
                notConverted.add(Problem.of(rel, "not a Flyway migration name: versioned files are V<version>__<name>.sql,"
                        + " undo files U<version>__<name>.sql, repeatable ones R__<name>.sql"));
            }
        }
        // Flyway refuses a project where two files claim one version (or one description): it is for the team to
        // say which one ran, so neither is converted.
        Map<FlywayVersion, Script> ups = unique(upFiles, "version ", "migrations with one version", notConverted);
        Map<FlywayVersion, Script> undos = unique(undoFiles, "undo version ", "undo files for one version", notConverted);
        Map<String, Script> repeatables = unique(repeatableFiles, "description ", "repeatables with one description",
                notConverted);
        undos.forEach((version, undo) -> {
            if (!ups.containsKey(version)) {
                notConverted.add(Problem.of(undo.source(), "an undo file for version " + version + ", which no V file has:"
                        + " nothing to attach it to"));
            }
        });
        FlywayVersionMapping mapping = FlywayVersionMapping.of(ups.keySet());
        List<ImportedMigration> migrations = new ArrayList<>();
        ups.forEach((version, up) -> migrations.add(new ImportedMigration(version.toString(), mapping.map(version),
                ImportedMigration.nameOf(up.description()), false, up.part(),
                Optional.ofNullable(undos.get(version)).map(Script::part))));
        // Flyway runs repeatables after the versioned migrations, ordered by description (the TreeMap's order).
        repeatables.values().forEach(r -> migrations.add(new ImportedMigration(r.source(), BigInteger.ZERO,
                ImportedMigration.nameOf(r.description()), true, r.part(), Optional.empty())));
        return new Conversion(migrations, notConverted, List.of(), ups.isEmpty()
                ? "no versioned Flyway files" : mapping.describe(ups.keySet()));
    }

    private static <K> Map<K, Script> unique(Map<K, List<Script>> files, String what, String refused, List<Problem> notConverted) {
        Map<K, Script> unique = new TreeMap<>();
        files.forEach((key, scripts) -> {
            if (scripts.size() == 1) {
                unique.put(key, scripts.get(0));
            } else {
                for (Script s : scripts) {
                    notConverted.add(Problem.of(s.source(), what + "'" + key + "' like " + scripts.stream()
                            .map(Script::source).filter(o -> !o.equals(s.source())).toList() + ": Flyway refuses two "
                            + refused + "; keep the one that ran, then import again"));
                }
            }
        });
        return unique;
    }

    /** Reads one script with its {@code .sql.conf}; empty (and a problem added) when it cannot be converted. */
    private static Optional<ImportedMigration.Part> part(Path file, String rel, List<Problem> notConverted) throws IOException {
        Map<String, String> config = scriptConfig(file);
        String encoding = config.getOrDefault("encoding", "UTF-8");
        if (!encoding.equalsIgnoreCase("UTF-8") && !encoding.equalsIgnoreCase("UTF8")) {
            notConverted.add(Problem.of(rel, "its .sql.conf sets encoding=" + encoding + ": Bascule reads UTF-8 only;"
                    + " convert the file to UTF-8, remove the setting and import again"));
            return Optional.empty();
        }
        if (config.containsKey("shouldExecute")) {
            notConverted.add(Problem.of(rel, "its .sql.conf sets shouldExecute (run only under a condition): Bascule"
                    + " runs every listed file; decide whether it belongs, remove the setting and import again"));
            return Optional.empty();
        }
        String text;
        try {
            text = SourceFiles.read(file, rel);
        } catch (SourceSyntaxError e) {
            notConverted.add(new Problem(rel, e.line(), e.detail()));
            return Optional.empty();
        }
        if (!"false".equalsIgnoreCase(config.get("placeholderReplacement"))) {
            Matcher placeholder = PLACEHOLDER.matcher(text);
            if (placeholder.find()) {
                int line = (int) text.substring(0, placeholder.start()).chars().filter(c -> c == '\n').count() + 1;
                notConverted.add(new Problem(rel, line, "uses the Flyway placeholder " + placeholder.group()
                        + ", which Flyway replaced before running: Bascule has no placeholders; write its value into"
                        + " the file (or set placeholderReplacement=false in its .sql.conf when the text is meant"
                        + " literally) and import again"));
                return Optional.empty();
            }
        }
        Optional<String> noTransaction;
        try {
            noTransaction = TransactionNeeds.noTransactionReason(rel, text);
        } catch (SourceSyntaxError e) {
            notConverted.add(new Problem(rel, e.line(), "cannot be split into statements: " + e.detail()));
            return Optional.empty();
        }
        if ("false".equalsIgnoreCase(config.get("executeInTransaction"))) {
            noTransaction = Optional.of("executeInTransaction=false in its .sql.conf");
        }
        return Optional.of(new ImportedMigration.Part(rel, text, noTransaction));
    }

    /** The {@code key=value} lines of the script's {@code .sql.conf}, when it has one. */
    private static Map<String, String> scriptConfig(Path file) throws IOException {
        Path conf = file.resolveSibling(file.getFileName() + ".conf");
        Map<String, String> config = new LinkedHashMap<>();
        if (Files.isRegularFile(conf)) {
            for (String line : Files.readAllLines(conf)) {
                String l = line.strip();
                int eq = l.indexOf('=');
                if (!l.startsWith("#") && eq > 0) {
                    config.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
                }
            }
        }
        return config;
    }

    private static String extension(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "java", "class", "kt", "groovy" -> "Java-based";
            default -> "script (" + ext + ")";
        };
    }
}
