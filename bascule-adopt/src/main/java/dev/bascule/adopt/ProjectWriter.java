package dev.bascule.adopt;

import dev.bascule.Importers;
import dev.bascule.catalog.Version;
import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a {@link Conversion} as Bascule files: {@code <version>_<name>.up.sql} (and {@code .down.sql}) in the
 * target folder with a manifest in version order; repeatable files, numbered in the tool's run order, in its
 * {@code repeatable/} folder with their own manifest, and the {@code stages:} block bascule.yml needs for them.
 * Each file starts with {@code -- bascule:no-transaction} when it must run without a transaction, then the
 * {@link ImportOrigin} line, then the original text unchanged. Nothing is overwritten: a file already there with
 * other content stops the import before anything is written; identical content is left as it is, so importing
 * twice is harmless.
 */
final class ProjectWriter {

    static final String REPEATABLE_FOLDER = "repeatable";
    private static final String MANIFEST = "manifest.txt";
    private static final String NO_TRANSACTION = "-- bascule:no-transaction";

    private final SourceLayout layout;
    private final Importers.Request request;
    private final Path target;

    ProjectWriter(SourceLayout layout, Importers.Request request) {
        this.layout = layout;
        this.request = request;
        this.target = request.targetDir().toAbsolutePath().normalize();
    }

    Importers.Report write(Conversion conversion) {
        String source = display(request.sourceDir());
        List<Problem> notConverted = new ArrayList<>(relocate(conversion.notConverted(), source));
        List<Problem> warnings = new ArrayList<>(relocate(conversion.warnings(), source));
        List<ImportedMigration> versioned = checkVersions(conversion.migrations().stream().filter(m -> !m.repeatable()).toList(),
                notConverted, source);
        List<ImportedMigration> repeatable = conversion.migrations().stream().filter(ImportedMigration::repeatable).toList();
        warnOfHistoryTable(conversion.migrations(), warnings, source);

        Map<Path, String> files = new LinkedHashMap<>();
        List<Importers.Converted> converted = new ArrayList<>();
        List<String> manifestLines = new ArrayList<>();
        for (ImportedMigration m : versioned) {
            String base = m.version() + "_" + m.name();
            plan(files, converted, target, base + ".up.sql", m.key(), m.up(), "");
            m.down().ifPresent(d -> plan(files, converted, target, base + ".down.sql", m.key(), d, ""));
            manifestLines.add(base + ".up.sql");
        }
        Path manifest = request.manifest().map(p -> p.toAbsolutePath().normalize()).orElse(target.resolve(MANIFEST));
        files.put(manifest, manifestText(source, conversion.versions(), manifestLines,
                "Applied in version order, each once (Bascule's versioned stage)."));

        Optional<String> stages = Optional.empty();
        if (!repeatable.isEmpty()) {
            Path folder = target.resolve(REPEATABLE_FOLDER);
            int width = String.valueOf(repeatable.size()).length();
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < repeatable.size(); i++) {
                ImportedMigration m = repeatable.get(i);
                String number = String.format("%0" + width + "d", i + 1);
                String fileName = number + "_" + m.name() + ".up.sql";
                plan(files, converted, folder, fileName, m.key(), m.up(), "repeatable: runs again when it changes");
                lines.add(fileName);
            }
            files.put(folder.resolve(MANIFEST), manifestText(source, "repeatable files are numbered in "
                    + layout.displayName() + "'s run order", lines, "Run in line order after the versioned stage, again"
                    + " whenever a file changes (Bascule's repeatable stage)."));
            stages = Optional.of(stagesSnippet(manifest, folder));
        }

        writeAll(files);
        List<String> written = new ArrayList<>();
        written.add(display(manifest));
        if (!repeatable.isEmpty()) {
            written.add(display(target.resolve(REPEATABLE_FOLDER).resolve(MANIFEST)));
        }
        return new Importers.Report(layout.displayName(), converted, notConverted, warnings, written,
                conversion.versions(), stages);
    }

    /**
     * Bascule versions are positive and unique with at most 20 digits: a version 0 (Prisma's {@code 0_init}
     * baseline folder) becomes 1 when no other file has 1; anything else that does not fit is left out, named.
     */
    private List<ImportedMigration> checkVersions(List<ImportedMigration> migrations, List<Problem> notConverted, String source) {
        boolean oneTaken = migrations.stream().anyMatch(m -> m.version().equals(BigInteger.ONE));
        List<ImportedMigration> sorted = new ArrayList<>();
        for (ImportedMigration m : migrations) {
            if (m.version().signum() == 0 && !oneTaken) {
                sorted.add(m.withVersion(BigInteger.ONE));
            } else if (m.version().signum() == 0) {
                notConverted.add(Problem.of(source + "/" + m.up().source(), "version 0 has no Bascule equivalent (versions"
                        + " are positive) and version 1 is taken: rename the file with a free version and import again"));
            } else if (m.version().toString().length() > Version.MAX_DIGITS) {
                notConverted.add(Problem.of(source + "/" + m.up().source(), "its version becomes " + m.version() + ", "
                        + m.version().toString().length() + " digits; Bascule versions have at most " + Version.MAX_DIGITS
                        + ": shorten the versions of the project and import again"));
            } else {
                sorted.add(m);
            }
        }
        sorted.sort(Comparator.comparing(ImportedMigration::version));
        List<ImportedMigration> unique = new ArrayList<>();
        Map<BigInteger, ImportedMigration> seen = new HashMap<>();
        for (ImportedMigration m : sorted) {
            ImportedMigration other = seen.putIfAbsent(m.version(), m);
            if (other != null) {
                notConverted.add(Problem.of(source + "/" + m.up().source(), "its Bascule version " + m.version() + " is"
                        + " also that of " + other.up().source() + ": every Bascule migration needs its own version;"
                        + " rename one of them and import again"));
            } else {
                unique.add(m);
            }
        }
        return unique;
    }

    /**
     * A file that touches the tool's own table (golang-migrate projects add columns to schema_migrations) fails on
     * a database Bascule creates from scratch, where that table does not exist: say so, with the line.
     */
    private void warnOfHistoryTable(List<ImportedMigration> migrations, List<Problem> warnings, String source) {
        Pattern table = Pattern.compile("(?i)(?<![\\w$])" + layout.historyTable() + "(?![\\w$])");
        for (ImportedMigration m : migrations) {
            List<ImportedMigration.Part> parts = new ArrayList<>();
            parts.add(m.up());
            m.down().ifPresent(parts::add);
            for (ImportedMigration.Part part : parts) {
                Matcher found = table.matcher(part.body());
                if (found.find()) {
                    int line = (int) part.body().substring(0, found.start()).chars().filter(c -> c == '\n').count() + 1;
                    warnings.add(new Problem(source + "/" + part.source(), line, "uses " + layout.displayName() + "'s own"
                            + " table " + layout.historyTable() + ", which a database migrated by Bascule alone does not"
                            + " have: guard the statement (IF EXISTS) or drop it once every database is adopted"));
                }
            }
        }
    }

    private void plan(Map<Path, String> files, List<Importers.Converted> converted, Path folder, String fileName,
                      String key, ImportedMigration.Part part, String note) {
        StringBuilder text = new StringBuilder();
        part.noTransaction().ifPresent(reason -> text.append(NO_TRANSACTION).append('\n'));
        text.append(new ImportOrigin(layout.tool(), part.source(), key).line()).append('\n').append(part.body());
        files.put(folder.resolve(fileName), text.toString());
        String how = part.noTransaction().map(r -> "no transaction (" + r + ")").orElse("");
        String joined = note.isEmpty() ? how : how.isEmpty() ? note : note + "; " + how;
        converted.add(new Importers.Converted(part.source(), SourceFiles.relative(target, folder.resolve(fileName)), joined));
    }

    private String manifestText(String source, String versions, List<String> lines, String semantics) {
        StringBuilder text = new StringBuilder();
        text.append("# Imported from ").append(layout.displayName()).append(" (").append(source).append(") by 'bascule import ")
                .append(layout.tool()).append("'.\n");
        text.append("# ").append(semantics).append('\n');
        text.append("# Versions: ").append(versions).append(".\n");
        lines.forEach(l -> text.append(l).append('\n'));
        return text.toString();
    }

    private String stagesSnippet(Path manifest, Path repeatableFolder) {
        return "stages:\n"
                + "  - name: main\n"
                + "    paths: [" + display(target) + "]\n"
                + "    manifest: " + display(manifest) + "\n"
                + "  - name: " + REPEATABLE_FOLDER + "\n"
                + "    paths: [" + display(repeatableFolder) + "]\n"
                + "    manifest: " + display(repeatableFolder.resolve(MANIFEST)) + "\n"
                + "    mode: repeatable\n"
                + "    rerun: on-change\n";
    }

    /** Refuses before writing anything when a file is already there with other content. */
    private void writeAll(Map<Path, String> files) {
        List<String> conflicts = new ArrayList<>();
        try {
            for (Map.Entry<Path, String> file : files.entrySet()) {
                if (Files.exists(file.getKey())
                        && !Files.readString(file.getKey(), StandardCharsets.UTF_8).equals(file.getValue())) {
                    conflicts.add(display(file.getKey()));
                }
            }
        } catch (IOException e) {
            throw failure("cannot read what is already in " + display(target), e);
        }
        if (!conflicts.isEmpty()) {
            throw new BasculeException.Configuration("import " + layout.tool() + ": " + conflicts.size() + " file(s) already"
                    + " exist with other content: " + String.join(", ", conflicts) + "; nothing was written: import into"
                    + " an empty folder, or remove those files first");
        }
        try {
            for (Map.Entry<Path, String> file : files.entrySet()) {
                Files.createDirectories(file.getKey().getParent());
                if (!Files.exists(file.getKey())) {
                    Files.writeString(file.getKey(), file.getValue(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw failure("cannot write into " + display(target), e);
        }
    }

    private BasculeException failure(String what, IOException e) {
        return new BasculeException.Configuration("import " + layout.tool() + ": " + what + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "; check the folder and its permissions");
    }

    private static List<Problem> relocate(List<Problem> problems, String source) {
        return problems.stream().map(p -> new Problem(source + "/" + p.file(), p.line(), p.message())).toList();
    }

    /** A path as the user would type it: relative to the display base when inside it. */
    private String display(Path path) {
        Path p = path.toAbsolutePath().normalize();
        Path base = request.displayBase().toAbsolutePath().normalize();
        if (p.equals(base)) {
            return ".";
        }
        return (p.startsWith(base) ? base.relativize(p) : p).toString().replace('\\', '/');
    }
}
