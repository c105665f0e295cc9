package dev.bascule;

import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.CatalogReader;
import dev.bascule.catalog.Migration;
import dev.bascule.catalog.MigrationFileName;
import dev.bascule.catalog.Version;
import dev.bascule.catalog.ScriptFormat;
import dev.bascule.db.Database;
import dev.bascule.db.EmbeddedServer;
import dev.bascule.error.BasculeException;
import dev.bascule.error.SourceSyntaxError;
import dev.bascule.expand.ColumnChange;
import dev.bascule.generate.ChangeGenerator;
import dev.bascule.generate.DataMigrationGenerator;
import dev.bascule.generate.GeneratedFiles;
import dev.bascule.generate.ManifestUpdater;
import dev.bascule.generate.MigrationGenerator;
import dev.bascule.generate.TableColumns;
import dev.bascule.history.TaskRun;
import dev.bascule.inspect.DownDataRule;
import dev.bascule.inspect.DriftCheck;
import dev.bascule.inspect.DriftReport;
import dev.bascule.inspect.ReversibilityCheck;
import dev.bascule.inspect.ReversibilityReport;
import dev.bascule.inspect.SchemaFile;
import dev.bascule.plan.Plan;
import dev.bascule.run.HistoryAdopter;
import dev.bascule.run.Maintenance;
import dev.bascule.run.MigrateResult;
import dev.bascule.run.MigrationListener;
import dev.bascule.run.Migrator;
import dev.bascule.run.ScriptExecutor;
import dev.bascule.run.TaskRunner;
import dev.bascule.sql.IncludeResolver;
import dev.bascule.sql.Script;
import dev.bascule.sql.ScriptFiles;
import dev.bascule.sql.ScriptParser;
import dev.bascule.trace.TraceReport;
import dev.bascule.trace.Tracer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The Java API: {@code Bascule.configure()...load().migrate()}. Every command of the CLI is a method here; the
 * CLI, the Maven plugin and the Spring Boot starter are thin shells over it. Each call reads the sources afresh,
 * compares them with the history table and acts. Close it to stop an embedded PostgreSQL it started.
 */
public final class Bascule implements AutoCloseable {

    private final Settings settings;
    private final MigrationListener listener;
    private EmbeddedServer embedded;

    private Bascule(Settings settings, MigrationListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    /** Fluent settings, as Flyway users know them; {@code .load()} gives the facade. */
    public static Settings.Builder configure() {
        return Settings.builder();
    }

    public static Bascule load(Settings settings, MigrationListener listener) {
        return new Bascule(settings, listener);
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The database to act on: the configured one, or the embedded PostgreSQL when the settings chose it (started on
     * first use). Without either, a configuration error listing the ways to name a database.
     */
    public synchronized Database database() {
        if (settings.database().isPresent() || settings.embedded().isEmpty()) {
            return settings.requireDatabase();
        }
        if (embedded == null) {
            Path home = settings.embedded().get();
            listener.info("using the embedded PostgreSQL 17 in " + GeneratedFiles.display(home, settings.baseDir()));
            embedded = EmbeddedServer.provider().orElseThrow(() -> new BasculeException.Configuration(
                    "the embedded PostgreSQL needs bascule-embedded on the class path")).start(home);
        }
        return embedded.database();
    }

    /** A new connection to the database (bounded connect and login time); the caller closes it. */
    public Connection connect() {
        return database().connect();
    }

    /** Reads every stage's manifest and locations. Problems are in {@link Catalog#problems()}, not thrown. */
    public Catalog catalog() {
        return CatalogReader.read(settings.stages(), settings.sourceSettings(), settings::isSecure, settings.baseDir());
    }

    private Migrator migrator() {
        return new Migrator(database(), settings, listener);
    }

    private Maintenance maintenance() {
        return new Maintenance(database(), settings, listener);
    }

    /**
     * Applies every pending migration up to the target, in version order; validates everything first. Then writes
     * the schema file, when the environment has one.
     */
    public MigrateResult migrate() {
        Migrator migrator = migrator();
        MigrateResult result = connectingWhileReadingCatalog(migrator, true, catalog ->
                HistoryDiagnosis.explaining(this::database, settings.history(), () -> migrator.migrate(catalog)));
        SchemaFile.refresh(settings, database(), listener);
        return result;
    }

    /** Every migration and its state; reads history without locking or creating anything. */
    public Plan status() {
        Migrator migrator = migrator();
        return connectingWhileReadingCatalog(migrator, false, catalog ->
                HistoryDiagnosis.explaining(this::database, settings.history(), () -> migrator.status(catalog)));
    }

    /**
     * Runs {@code work} on the catalog while {@code migrator}'s session opens on a second thread: connecting and reading
     * the files overlap. The catalog's errors still come first and at once; an unused session is closed.
     */
    private <T> T connectingWhileReadingCatalog(Migrator migrator, boolean watch, java.util.function.Function<Catalog, T> work) {
        migrator.connectEarly(watch);
        try {
            return work.apply(catalog());
        } finally {
            migrator.discardEarlySession();
        }
    }

    /** Throws {@link BasculeException.ValidationFailed} listing every problem; returns the plan when valid. */
    public Plan validate() {
        Migrator migrator = migrator();
        return connectingWhileReadingCatalog(migrator, false, catalog ->
                HistoryDiagnosis.explaining(this::database, settings.history(), () -> migrator.validate(catalog)));
    }

    /** Clears failed no-transaction migrations and accepts changed checksums; one line per change made. */
    public List<String> repair() {
        Catalog catalog = catalog();
        return HistoryDiagnosis.explaining(this::database, settings.history(), () -> maintenance().repair(catalog));
    }

    /** The exact SQL {@code migrate} would send, in order; changes nothing (secure files: positions only). */
    public List<String> dryRun() {
        return migrator().dryRun(catalog());
    }

    /**
     * Records every migration up to {@code version} as applied (a database that already has that schema and no
     * history), so only later ones run.
     */
    public List<Migration> baseline(Version version, String description) {
        return maintenance().baseline(catalog(), version, description == null ? "" : description);
    }

    /** Drops and re-creates the managed schemas, then migrates. Refused unless the environment is resettable. */
    public MigrateResult reset() {
        if (!settings.resettable()) {
            throw new BasculeException.Configuration("reset drops every managed schema (" + String.join(", ", settings.schemas())
                    + ") and is refused here: this environment is not marked resettable (set 'resettable: true' in"
                    + " bascule.yml for local and test databases only)");
        }
        Catalog catalog = catalog();
        if (!catalog.problems().isEmpty()) {
            throw new BasculeException.ValidationFailed(catalog.problems());
        }
        maintenance().dropSchemas(settings.schemas());
        MigrateResult result = migrator().migrate(catalog);
        SchemaFile.refresh(settings, database(), listener);
        return result;
    }

    /**
     * Undoes applied migrations newest first with their {@code .down.sql} files: down to (keeping) version {@code to},
     * or the last {@code steps}. Refused outside dev environments unless {@code allow-down: true} or {@code confirmed}
     * ({@code --yes}): undoing is how data gets lost.
     */
    public List<Migration> down(Optional<Version> to, Optional<Integer> steps, boolean confirmed) {
        if (to.isPresent() == steps.isPresent()) {
            throw new BasculeException.Configuration("down: give exactly one of --to VERSION or --steps N");
        }
        requireDownAllowed(confirmed);
        List<Migration> undone = maintenance().down(catalog(), to, steps);
        SchemaFile.refresh(settings, database(), listener);
        return undone;
    }

    private void requireDownAllowed(boolean confirmed) {
        if (!settings.dev() && !settings.allowDown() && !confirmed) {
            throw new BasculeException.Configuration("down is refused in environment '" + settings.environment()
                    + "': it is not a dev environment; pass --yes if you mean it, or set 'allow-down: true' for it");
        }
    }

    /** Undoes every applied migration (see {@link #down}); {@code down --to 0}. */
    public List<Migration> downAll(boolean confirmed) {
        requireDownAllowed(confirmed);
        List<Migration> undone = maintenance().down(catalog(), Optional.empty(), Optional.empty());
        SchemaFile.refresh(settings, database(), listener);
        return undone;
    }

    /**
     * Checks that each pending migration (every one with {@code all}) can be undone and done again: on a throwaway
     * database (created on this environment's server, or the embedded one, and dropped afterwards) the applied
     * migrations first, then per migration up, down and up again, comparing schema snapshots. Also reports downs
     * that drop data their up did not create ({@link DownDataRule}). Changes nothing here.
     */
    public ReversibilityReport checkReversible(boolean all) {
        return new ReversibilityCheck(settings, database(), listener).run(catalog(), all);
    }

    /**
     * Compares the live database with the schema file or, with {@code replay}, with a replay of its applied
     * migrations on a throwaway database. A configuration error when there is no schema file and no {@code replay}.
     */
    public DriftReport drift(boolean replay) {
        DriftCheck check = new DriftCheck(settings, database(), listener);
        return replay ? check.againstReplay(catalog()) : check.againstSchemaFile();
    }

    /**
     * Records another tool's applied versions ({@code pop}, ...) as applied, so nothing re-runs; idempotent. Refused,
     * listing every problem, when the catalog has problems.
     */
    public HistoryAdopter.Result adopt(String tool) {
        return migrator().adopt(catalog(), tool);
    }

    /** How messages name a tool {@link #adopt(String)} knows ({@code golang-migrate}, {@code Pop}); else as given. */
    public static String adopterName(String tool) {
        return HistoryAdopter.forTool(tool).map(HistoryAdopter::displayName).orElse(tool);
    }

    /** Imports Pop's {@code schema_migration} versions as applied (see {@link #adopt(String)}). */
    public HistoryAdopter.Result adoptPop() {
        return adopt("pop");
    }

    /**
     * Runs one file like {@code psql < file}, recording nothing, where the environment allows it
     * ({@code allow-exec: true}: a local mirror of a deployed database). The file counts as secret.
     */
    public ScriptExecutor.Result exec(Path file) {
        if (!settings.allowExec()) {
            throw new BasculeException.Configuration("exec: environment '" + settings.environment() + "' is not marked"
                    + " 'allow-exec: true' in bascule.yml; exec runs files without recording them, so it is refused"
                    + " except on environments meant for it (a local copy of a deployed database)");
        }
        Database db = settings.database().orElseThrow(() -> new BasculeException.Configuration("exec: environment '"
                + settings.environment() + "' names no database: set its url"));
        Path path = settings.baseDir().resolve(file);
        String shown = GeneratedFiles.display(path, settings.baseDir());
        Script script;
        try {
            script = ScriptParser.parse(shown, ScriptFiles.readUtf8(path), IncludeResolver.fileSystem(settings.baseDir()));
        } catch (NoSuchFileException e) {
            throw new BasculeException.Configuration("exec: " + shown + ": no such file; check the path");
        } catch (IOException e) {
            throw new BasculeException.Configuration("exec: " + shown + ": cannot read: " + e.getClass().getSimpleName());
        } catch (SourceSyntaxError e) {
            throw new BasculeException.Configuration("exec: " + e.sourceName() + ":" + e.line() + ": column " + e.column()
                    + ": " + e.detail() + "; nothing was run");
        }
        return ScriptExecutor.run(db, script, true, settings.lockTimeout(), settings.statementTimeout());
    }

    /**
     * Splits a script exactly as psql would (a {@code .fizz} file: the SQL Bascule runs for it), following includes
     * relative to the base folder. Secure files (in a secure folder or {@code tmp/}) are marked secret.
     *
     * @throws SourceSyntaxError  when the script cannot be split
     * @throws NoSuchFileException when it does not exist
     */
    public SplitResult split(Path file) throws IOException {
        Path path = settings.baseDir().resolve(file);
        String name = file.toString();
        String text = ScriptFiles.decodeUtf8(name, Files.readAllBytes(path));
        Optional<MigrationFileName> parsed = MigrationFileName.parse(path.getFileName().toString()).value();
        if (parsed.isPresent()) {
            text = ScriptFormat.sqlOf(parsed.get(), name, text);
        }
        Script script = ScriptParser.parse(name, text, IncludeResolver.fileSystem(settings.baseDir()));
        return new SplitResult(script, settings.isSecureFile(path));
    }

    /** Creates {@code <UTC timestamp>_NAME.up.sql} (in {@code dir} or the first local path) and its manifest line. */
    public GeneratedFiles newMigration(String name, Optional<String> dir) {
        return new MigrationGenerator(settings, Clock.systemUTC()).migration(name, dir);
    }

    /** A secure migration: scrubbed copy in the secure folder, production file in {@code tmp/} (0600), manifest line. */
    public GeneratedFiles newSecureMigration(String name, Optional<String> dir) {
        return new MigrationGenerator(settings, Clock.systemUTC()).secureMigration(name, dir);
    }

    /**
     * A data migration ({@code -- bascule:data}) in the data stage, or the first local path; with a CSV, INSERTs of its
     * rows with ids generated now when it has no {@code id} column. When a database is configured the table and its
     * columns are checked there first.
     */
    public GeneratedFiles newDataMigration(String name, Optional<String> dir, Optional<DataMigrationGenerator.FromCsv> csv) {
        Optional<DataMigrationGenerator.TableCheck> check = Optional.empty();
        if (csv.isPresent() && settings.database().isPresent()) {
            try (Connection connection = connect()) {
                check = Optional.of(new DataMigrationGenerator.TableCheck(database().describe(), TableColumns.read(
                        connection, DataMigrationGenerator.tableSql(csv.get().table()))));
            } catch (java.sql.SQLException e) {
                throw new BasculeException.Configuration("gen data-migration: reading the columns of " + csv.get().table()
                        + " in " + database().describe() + " failed: " + e.getMessage(), e);
            }
        }
        return new DataMigrationGenerator(settings, Clock.systemUTC(), java.util.UUID::randomUUID)
                .dataMigration(name, dir, csv, check);
    }

    /**
     * Runs a task: a data script outside the deploy, as often as wanted, under the migration lock, honouring batch
     * and audit directives; each run is recorded in the tasks table beside the history table.
     */
    public TaskRun runTask(Path file) {
        return new TaskRunner(database(), settings, listener).run(file);
    }

    /** Every task run recorded, oldest first; reads without locking or creating anything. */
    public List<TaskRun> tasks() {
        return new TaskRunner(database(), settings, listener).list();
    }

    /**
     * A three-phase (expand/contract) change of one column, with fresh versions and manifest lines: phase 1 adds the
     * new column, a sync trigger and a batched backfill; phase 2 syncs both ways; phase 3 contracts. The column's
     * facts (type, default, constraints, indexes) are read from this environment's database.
     */
    public GeneratedFiles newExpandContract(ColumnChange change, Optional<String> name, int batchSize,
                                            java.util.Set<String> notCarried, ChangeGenerator.Folders folders) {
        try (Connection connection = connect()) {
            return new ChangeGenerator(settings, Clock.systemUTC()).expandContract(connection, change, name, batchSize,
                    notCarried, folders);
        } catch (java.sql.SQLException e) {
            throw new BasculeException.Configuration("gen expand-contract: reading the schema of " + database().describe()
                    + " failed: " + e.getMessage(), e);
        }
    }

    /** The next version of a function or trigger definition ({@code kind}: function, trigger) and its install migration. */
    public GeneratedFiles newDefinition(String kind, String name, ChangeGenerator.Folders folders) {
        return new ChangeGenerator(settings, Clock.systemUTC()).definition(kind, name, folders);
    }

    /**
     * Applies the pending migrations to a shadow database (a copy of this one where PostgreSQL allows it) and records
     * what each statement really did: locks, rewrites, table scans, rows, time. The shadow is dropped afterwards.
     */
    public TraceReport trace() {
        return trace(List.of());
    }

    /** As {@link #trace()}, for the given files (relative to the base folder) instead of the pending migrations. */
    public TraceReport trace(List<Path> files) {
        return new Tracer(database(), settings, listener).trace(catalog(), files);
    }

    /** Rewrites a stage's manifest from the files in its paths, keeping comment lines. */
    public ManifestUpdater.Result updateManifest(Optional<String> stage) {
        return new ManifestUpdater(settings).update(stage);
    }

    /** Stops the embedded PostgreSQL when this facade started one. */
    @Override
    public synchronized void close() {
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }
}
