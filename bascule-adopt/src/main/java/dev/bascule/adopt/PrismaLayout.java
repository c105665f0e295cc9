package dev.bascule.adopt;

import dev.bascule.error.Problem;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prisma Migrate's layout: one folder per migration, {@code <timestamp>_<name>/migration.sql}, applied in folder
 * name order; {@code migration_lock.toml} beside them. Prisma's schema engine sends a whole migration.sql as one
 * simple query (its postgres connector's apply_migration_script): PostgreSQL runs that as one implicit
 * transaction, so a plain file stays one Bascule transaction, while a file holding its own {@code BEGIN; ...
 * COMMIT;} blocks (Prisma writes them for enum changes) or a statement PostgreSQL refuses in a transaction runs
 * without one, statement by statement.
 */
public final class PrismaLayout extends SourceLayout {

    private static final Pattern FOLDER = Pattern.compile("(\\d+)_(.+)");
    static final String SCRIPT = "migration.sql";

    @Override
    public String tool() {
        return "prisma";
    }

    @Override
    String historyTable() {
        return PrismaAdopter.TABLE;
    }

    @Override
    public String displayName() {
        return "Prisma";
    }

    @Override
    Conversion read(Path dir) throws IOException {
        List<Problem> notConverted = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        List<ImportedMigration> migrations = new ArrayList<>();
        for (Path file : SourceFiles.list(dir)) {
            String name = file.getFileName().toString();
            if (!name.equals("migration_lock.toml")) {
                notConverted.add(Problem.of(name, "not a Prisma migration: they are folders <timestamp>_<name> holding " + SCRIPT));
            }
        }
        for (Path folder : SourceFiles.folders(dir)) {
            String name = folder.getFileName().toString();
            Matcher m = FOLDER.matcher(name);
            Path script = folder.resolve(SCRIPT);
            for (Path other : SourceFiles.list(folder)) {
                if (!other.getFileName().toString().equals(SCRIPT)) {
                    notConverted.add(Problem.of(name + "/" + other.getFileName(), "Prisma runs only " + SCRIPT
                            + " of a migration folder; this file was never run"));
                }
            }
            if (!m.matches()) {
                notConverted.add(Problem.of(name, "not a Prisma migration folder name (<timestamp>_<name>): no version"));
            } else if (!Files.isRegularFile(script)) {
                notConverted.add(Problem.of(name, "no " + SCRIPT + " in this migration folder"));
            } else {
                String source = name + "/" + SCRIPT;
                text(script, source, notConverted).flatMap(text -> sqlPart(source, text, Optional.empty(), notConverted))
                        .ifPresent(part -> migrations.add(new ImportedMigration(name, new BigInteger(m.group(1)),
                                ImportedMigration.nameOf(m.group(2)), false, part, Optional.empty())));
            }
        }
        warnOfOrderDifferences("Prisma", migrations, warnings);
        return new Conversion(migrations, notConverted, warnings,
                "each Prisma folder <timestamp>_<name> becomes <timestamp>_<name>.up.sql: the timestamp is the version");
    }
}
