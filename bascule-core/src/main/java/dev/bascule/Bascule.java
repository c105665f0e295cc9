package dev.bascule;

import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.CatalogLoader;
import dev.bascule.catalog.Manifest;
import dev.bascule.error.Problem;
import dev.bascule.catalog.Stage;
import dev.bascule.error.BasculeException;
import dev.bascule.plan.Plan;
import dev.bascule.run.MigrateResult;
import dev.bascule.run.Migrator;
import dev.bascule.run.PopAdoption;
import dev.bascule.source.MigrationSource;
import dev.bascule.source.Sources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Java API: {@code Bascule.configure()...load().migrate()}. Each call reads the sources afresh, compares
 * them with the history table and acts; the CLI, Maven plugin and Spring Boot starter are thin shells over it.
 */
public final class Bascule {

    private final BasculeConfiguration config;

    Bascule(BasculeConfiguration config) {
        this.config = config;
    }

    public static BasculeConfiguration configure() {
        return new BasculeConfiguration();
    }

    private Migrator migrator() {
        return new Migrator(config.database, new Migrator.Settings(config.history, config.lockWait, config.lockTimeout,
                config.statementTimeout, config.dev, config.target, config.adoptPop), config.listener);
    }

    /**
     * Reads every stage's manifest and locations, and combines them in stage order. Problems are in
     * {@link Catalog#problems()}, not thrown.
     */
    public Catalog catalog() {
        List<Catalog> stages = new ArrayList<>();
        for (Stage stage : config.effectiveStages()) {
            stages.add(catalog(stage));
        }
        return Catalog.combine(stages);
    }

    private Catalog catalog(Stage stage) {
        List<MigrationSource> sources = new ArrayList<>();
        List<Problem> openProblems = new ArrayList<>();
        for (String location : stage.locations()) {
            try {
                sources.add(Sources.open(location, config.settingsFor(stage, location), config.baseDir));
            } catch (IOException e) {
                openProblems.add(Problem.of(location, e.getMessage()));
            }
        }
        try {
            Catalog catalog = new CatalogLoader(stage, sources, readManifest(stage.manifest())).load();
            if (openProblems.isEmpty()) {
                return catalog;
            }
            openProblems.addAll(catalog.problems());
            return new Catalog(catalog.migrations(), catalog.unlisted(), catalog.shadowed(), openProblems, catalog.manifest());
        } finally {
            for (MigrationSource source : sources) {
                try {
                    source.close();
                } catch (IOException ignored) {
                    // Closing a listing client cannot lose data; the catalog already holds the text.
                }
            }
        }
    }

    private Optional<Manifest> readManifest(Optional<String> manifest) {
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        String name = manifest.get();
        Path path = config.baseDir.resolve(name);
        try {
            return Optional.of(Manifest.parse(name, Files.readString(path)));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BasculeException.Configuration(name + ": manifest file not found: create it"
                    + " (bascule update-manifest writes one from the files) or fix the manifest setting");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new BasculeException.Configuration(name + ": manifest is not valid UTF-8");
        } catch (IOException e) {
            throw new BasculeException.Configuration(name + ": cannot read manifest: " + e.getMessage());
        }
    }

    /**
     * Imports Pop's {@code schema_migration} versions as applied (see {@link PopAdoption}); idempotent.
     * Refused, listing every problem, when the catalog has problems.
     */
    public PopAdoption.Result adoptPop() {
        return migrator().adoptPop(catalog());
    }

    public MigrateResult migrate() {
        return migrator().migrate(catalog());
    }

    public Plan status() {
        return migrator().status(catalog());
    }

    /** Throws {@link BasculeException.ValidationFailed} listing every problem; returns the plan when valid. */
    public Plan validate() {
        return migrator().validate(catalog());
    }

    public List<String> repair() {
        return migrator().repair(catalog());
    }

    /** Drops and re-creates the managed schemas, then migrates. Refused unless the environment is resettable. */
    public MigrateResult reset() {
        if (!config.resettable) {
            throw new BasculeException.Configuration("reset drops every managed schema (" + String.join(", ", config.schemas)
                    + ") and is refused here: this environment is not marked resettable (set 'resettable: true' in"
                    + " bascule.yml for local and test databases only)");
        }
        Catalog catalog = catalog();
        if (!catalog.problems().isEmpty()) {
            throw new BasculeException.ValidationFailed(catalog.problems());
        }
        Migrator migrator = migrator();
        migrator.dropSchemas(config.schemas);
        return migrator.migrate(catalog);
    }

    public BasculeConfiguration configuration() {
        return config;
    }
}
