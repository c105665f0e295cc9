package dev.bascule.generate;

import dev.bascule.Settings;
import dev.bascule.catalog.Stage;
import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;
import dev.bascule.source.Location;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code gen data-migration -n NAME [--from-csv FILE --table T]}: a data migration ({@code -- bascule:data}) in the
 * environment's data stage when it has one (else the first local path), listed in that stage's manifest (else the
 * manifest new migrations go to). From a CSV it writes INSERTs of every row, values as SQL string literals cast by
 * PostgreSQL to the columns' types; when the CSV has no {@code id} column, ids are generated now, so that every
 * environment gets the same ones (seed 000: never {@code uuid_generate_v4()} in a data migration).
 */
public final class DataMigrationGenerator {

    /** Rows per INSERT statement: one statement per row is slow, one for all makes a huge statement. */
    static final int ROWS_PER_INSERT = 1000;

    private final Settings settings;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public DataMigrationGenerator(Settings settings, Clock clock, Supplier<UUID> ids) {
        this.settings = settings;
        this.clock = clock;
        this.ids = ids;
    }

    /** Where rows come from: a CSV file (relative to the base folder) and the table they go to. */
    public record FromCsv(Path file, String table) {
    }

    /**
     * What the configured database says of the target table.
     *
     * @param database the database, as described in messages
     * @param columns  the table's columns; empty when there is no such table
     */
    public record TableCheck(String database, Optional<TableColumns> columns) {
    }

    /** The target table as written in the generated SQL (and looked up with {@code to_regclass}). */
    public static String tableSql(String table) {
        return SqlLiterals.qualifiedName(table);
    }

    /**
     * @param check the live table, when a database is configured: every CSV column must be one of its columns, and
     *              ids are generated only for an {@code id} column of type uuid; without one, ids are generated when
     *              the CSV has no {@code id} column
     * @throws BasculeException.ValidationFailed the CSV or the table has problems (each with file and line, every
     *                                           one at once); nothing is written
     */
    public GeneratedFiles dataMigration(String name, Optional<String> dir, Optional<FromCsv> csv,
                                        Optional<TableCheck> check) {
        String problem = MigrationNames.snakeCaseProblem(name);
        if (problem != null) {
            throw new BasculeException.Configuration("gen data-migration: " + problem);
        }
        Optional<Stage> dataStage = settings.stages().stream().filter(s -> s.data() && !s.repeatable()).findFirst();
        Path folder = dir.map(d -> settings.baseDir().resolve(d))
                .or(() -> dataStage.flatMap(s -> MigrationGenerator.firstLocalFolder(s.locations())))
                .or(() -> MigrationGenerator.firstLocalFolder(settings.locations()))
                .orElseThrow(() -> new BasculeException.Configuration("gen data-migration: no local migration path"
                        + " configured: pass --dir or --path"));
        Optional<InsertScript> inserts = csv.map(c -> inserts(c, check));
        try {
            Files.createDirectories(folder);
            ZonedDateTime now = MigrationNames.freeVersion(clock, List.of(folder));
            String fileName = MigrationNames.VERSION.format(now) + "_" + name + ".up.sql";
            Path file = folder.resolve(fileName);
            Files.writeString(file, header(name, now) + inserts.map(InsertScript::sql).orElse(""),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            Optional<Path> manifest = dataStage.flatMap(Stage::manifest).or(settings::manifestForNewMigrations)
                    .filter(m -> !m.startsWith(Location.CLASSPATH + ":")).map(Path::of);
            if (manifest.isPresent()) {
                MigrationNames.appendToManifest(manifest.get(), fileName);
            }
            List<String> notes = new ArrayList<>();
            inserts.ifPresent(i -> notes.add(i.rows() + " row(s) of " + GeneratedFiles.display(
                    settings.baseDir().resolve(csv.get().file()), settings.baseDir()) + " into " + i.table()
                    + (i.generatedIds() ? "; ids generated now, the same in every environment" : "")));
            return new GeneratedFiles(List.of(new GeneratedFiles.Written(file, "data migration")), manifest, List.of(),
                    Optional.empty(), notes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SQL of a CSV's rows, and what it holds. */
    private record InsertScript(String sql, String table, int rows, boolean generatedIds) {
    }

    private InsertScript inserts(FromCsv csv, Optional<TableCheck> check) {
        Path path = settings.baseDir().resolve(csv.file());
        String shown = GeneratedFiles.display(path, settings.baseDir());
        List<Problem> problems = new ArrayList<>();
        CsvRows rows;
        try {
            rows = CsvRows.parse(shown, Files.readAllBytes(path), problems);
        } catch (NoSuchFileException e) {
            throw new BasculeException.Configuration("gen data-migration: " + shown + ": no such file; check the path");
        } catch (IOException e) {
            throw new BasculeException.Configuration("gen data-migration: " + shown + ": cannot read: " + e.getMessage());
        }
        Optional<TableColumns> columns = check.flatMap(TableCheck::columns);
        check.filter(c -> c.columns().isEmpty()).ifPresent(c -> problems.add(Problem.of("--table " + csv.table(),
                "no such table in " + c.database() + ": create it in an earlier migration first, or name it as"
                + " PostgreSQL finds it (schema.table)")));
        if (rows != null && columns.isPresent()) {
            for (String column : rows.header()) {
                if (!columns.get().columns().containsKey(column)) {
                    problems.add(new Problem(shown, 1, "column " + column + " is not a column of " + columns.get().table()
                            + " (its columns: " + String.join(", ", columns.get().columns().keySet()) + ")"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BasculeException.ValidationFailed(problems);
        }
        boolean generateIds = !rows.header().contains("id")
                && columns.map(c -> "uuid".equals(c.columns().get("id"))).orElse(true);
        List<String> names = new ArrayList<>();
        if (generateIds) {
            names.add("id");
        }
        names.addAll(rows.header());
        String into = "INSERT INTO " + SqlLiterals.qualifiedName(csv.table()) + " ("
                + String.join(", ", names.stream().map(SqlLiterals::identifier).toList()) + ") VALUES\n";
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < rows.rows().size(); i++) {
            boolean first = i % ROWS_PER_INSERT == 0;
            sql.append(first ? (i == 0 ? "" : ";\n") + into : ",\n");
            List<String> values = new ArrayList<>();
            if (generateIds) {
                values.add(SqlLiterals.string(ids.get().toString()));
            }
            rows.rows().get(i).forEach(v -> values.add(v == null ? "NULL" : SqlLiterals.string(v)));
            sql.append("    (").append(String.join(", ", values)).append(')');
        }
        sql.append(";\n");
        return new InsertScript(sql.toString(), csv.table(), rows.rows().size(), generateIds);
    }

    private static String header(String name, ZonedDateTime created) {
        return "-- bascule:data\n"
                + "-- " + name + "\n"
                + "-- Created " + DateTimeFormatter.ISO_INSTANT.format(created) + " by bascule gen data-migration.\n"
                + "--\n"
                + "-- A data migration: it runs once, in version order with the schema migrations, in one transaction.\n"
                + "-- Write explicit ids (never uuid_generate_v4()), so every environment gets the same rows.\n"
                + "-- Backfill a big table in keyset batches: put the directive bascule:batch size=5000 in a comment\n"
                + "-- line of its own just before the UPDATE or DELETE. Record what changes with bascule:audit pre,\n"
                + "-- change (with RETURNING) and post (see docs/data-migrations.md).\n"
                + "\n";
    }
}
