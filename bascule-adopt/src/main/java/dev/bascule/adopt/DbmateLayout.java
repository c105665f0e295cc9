package dev.bascule.adopt;

import dev.bascule.error.Problem;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbmate's layout: one {@code <version>_<name>.sql} file per migration with a {@code -- migrate:up} and a
 * {@code -- migrate:down} section, options on the section's line ({@code transaction:false}). Section and option
 * syntax follow dbmate's pkg/dbmate/migration.go; the file pattern its db.go ({@code ^(\d+).*\.sql$}). dbmate
 * runs a section in a transaction unless it says {@code transaction:false}: that becomes
 * {@code -- bascule:no-transaction}. The up section becomes the up file, the down section the down file.
 */
public final class DbmateLayout extends SourceLayout {

    private static final Pattern FILE = Pattern.compile("(\\d+)(.*)\\.sql");
    private static final Pattern UP = Pattern.compile("(?m)^--\\s*migrate:up(\\s*$|\\s+\\S+)");
    private static final Pattern DOWN = Pattern.compile("(?m)^--\\s*migrate:down(\\s*$|\\s+\\S+)");

    @Override
    public String tool() {
        return "dbmate";
    }

    @Override
    String historyTable() {
        return DbmateAdopter.TABLE;
    }

    @Override
    public String displayName() {
        return "dbmate";
    }

    @Override
    Conversion read(Path dir) throws IOException {
        List<Problem> notConverted = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        List<ImportedMigration> migrations = new ArrayList<>();
        Map<String, String> versions = new HashMap<>();
        for (Path file : SourceFiles.list(dir)) {
            String name = file.getFileName().toString();
            Matcher m = FILE.matcher(name);
            if (!m.matches()) {
                notConverted.add(Problem.of(name, "not a dbmate migration name (<version>_<name>.sql)"));
                continue;
            }
            String other = versions.putIfAbsent(m.group(1), name);
            if (other != null) {
                notConverted.add(Problem.of(name, "version " + m.group(1) + " like " + other + ": dbmate records one"
                        + " row per version, so the two cannot be told apart; give one a new version"));
                continue;
            }
            Optional<String> text = text(file, name, notConverted);
            if (text.isEmpty()) {
                continue;
            }
            sections(name, text.get(), notConverted, warnings).ifPresent(sections -> migrations.add(new ImportedMigration(
                    m.group(1), new BigInteger(m.group(1)), ImportedMigration.nameOf(m.group(2).replaceFirst("^[_-]", "")),
                    false, sections.get(0), sections.size() > 1 ? Optional.of(sections.get(1)) : Optional.empty())));
        }
        warnOfOrderDifferences("dbmate", migrations, warnings);
        return new Conversion(migrations, notConverted, warnings,
                "dbmate versions are kept as they are (the digits that start each file name)");
    }

    /** The up part and, when its section holds statements, the down part; empty when dbmate would refuse the file. */
    private static Optional<List<ImportedMigration.Part>> sections(String name, String text, List<Problem> notConverted,
                                                                  List<Problem> warnings) {
        List<Integer> ups = UP.matcher(text).results().map(r -> r.start()).toList();
        List<Integer> downs = DOWN.matcher(text).results().map(r -> r.start()).toList();
        if (ups.isEmpty()) {
            notConverted.add(Problem.of(name, "no '-- migrate:up' section: dbmate refuses such a file"));
            return Optional.empty();
        }
        if (ups.size() > 1 || downs.size() > 1) {
            notConverted.add(Problem.of(name, "several '-- migrate:up'/'-- migrate:down' sections: Bascule keeps one up"
                    + " and one down script per version; split the file into one migration per section and import again"));
            return Optional.empty();
        }
        int up = ups.get(0);
        if (text.substring(0, up).lines().anyMatch(l -> !l.isBlank() && !l.strip().startsWith("--"))) {
            notConverted.add(new Problem(name, 1, "statements before '-- migrate:up': dbmate refuses such a file"));
            return Optional.empty();
        }
        int down = downs.isEmpty() ? text.length() : downs.get(0);
        if (down < up) {
            notConverted.add(Problem.of(name, "'-- migrate:down' comes before '-- migrate:up': dbmate refuses such a file"));
            return Optional.empty();
        }
        List<ImportedMigration.Part> parts = new ArrayList<>();
        Optional<ImportedMigration.Part> upPart = section(name + " (migrate:up)", text.substring(up, down), lineOf(text, up),
                notConverted, warnings);
        if (upPart.isEmpty()) {
            return Optional.empty();
        }
        parts.add(upPart.get());
        if (!downs.isEmpty()) {
            Optional<ImportedMigration.Part> downPart = section(name + " (migrate:down)", text.substring(down), lineOf(text, down),
                    notConverted, warnings);
            if (downPart.isEmpty()) {
                return Optional.empty();
            }
            if (TransactionNeeds.hasStatements(name, downPart.get().body())) {
                parts.add(downPart.get());
            }
        }
        return Optional.of(parts);
    }

    /** A section without its directive line; {@code transaction:false} on that line means no transaction. */
    private static Optional<ImportedMigration.Part> section(String source, String section, int directiveLine,
                                                           List<Problem> notConverted, List<Problem> warnings) {
        int newline = section.indexOf('\n');
        String directive = newline < 0 ? section : section.substring(0, newline);
        String body = newline < 0 ? "" : section.substring(newline + 1);
        boolean transaction = !directive.replaceAll("\\s+", " ").contains(" transaction:false");
        Optional<ImportedMigration.Part> part = sqlPart(source, body, directiveLine + 1,
                transaction ? Optional.empty() : Optional.of("transaction:false on its '-- migrate:' line"), notConverted);
        if (transaction && part.isPresent() && part.get().noTransaction().isPresent()) {
            warnings.add(Problem.of(source, "dbmate runs this section in a transaction, where it fails ("
                    + part.get().noTransaction().get() + "); converted to run without one"));
        }
        return part;
    }

    private static int lineOf(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }
}
