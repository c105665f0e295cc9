package dev.bascule;

import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.CatalogReader;
import dev.bascule.catalog.MigrationFileName;
import dev.bascule.catalog.ScriptFormat;
import dev.bascule.db.Database;
import dev.bascule.db.EmbeddedServer;
import dev.bascule.error.BasculeException;
import dev.bascule.error.SourceSyntaxError;
import dev.bascule.expand.ColumnChange;
import dev.bascule.generate.ChangeGenerator;
import dev.bascule.generate.GeneratedFiles;
import dev.bascule.generate.ManifestUpdater;
import dev.bascule.generate.MigrationGenerator;
import dev.bascule.plan.Plan;
import dev.bascule.run.HistoryAdopter;
import dev.bascule.run.MigrateResult;
import dev.bascule.run.MigrationListener;
import dev.bascule.run.Migrator;
import dev.bascule.run.ScriptExecutor;
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
        return CatalogReader.read(settings.stages(), settings.sourceSettings(), settings::isSecure);
    }

    private Migrator migrator() {
        return new Migrator(database(), settings, listener);
    }

    /** Applies every pending migration up to the target, in version order; validates everything first. */
    public MigrateResult migrate() {
        return migrator().migrate(catalog());
    }

    /** Every migration and its state; reads history without locking or creating anything. */
    public Plan status() {
        return migrator().status(catalog());
    }

    /** Throws {@link BasculeException.ValidationFailed} listing every problem; returns the plan when valid. */
    public Plan validate() {
        return migrator().validate(catalog());
    }

    /** Clears failed no-transaction migrations and accepts changed checksums; one line per change made. */
    public List<String> repair() {
        return migrator().repair(catalog());
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
        Migrator migrator = migrator();
        migrator.dropSchemas(settings.schemas());
        return migrator.migrate(catalog);
    }

    /**
     * Records another tool's applied versions ({@code pop}, ...) as applied, so nothing re-runs; idempotent. Refused,
     * listing every problem, when the catalog has problems.
     */
    public HistoryAdopter.Result adopt(String tool) {
        return migrator().adopt(catalog(), tool);
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
