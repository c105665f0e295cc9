package dev.bascule.trace;

import dev.bascule.Settings;
import dev.bascule.catalog.Catalog;
import dev.bascule.catalog.Migration;
import dev.bascule.catalog.MigrationFileName;
import dev.bascule.catalog.ScriptFormat;
import dev.bascule.db.Database;
import dev.bascule.db.ThrowawayDatabase;
import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;
import dev.bascule.error.SourceSyntaxError;
import dev.bascule.history.AppliedMigration;
import dev.bascule.plan.MigrationState;
import dev.bascule.plan.Plan;
import dev.bascule.plan.PlanEntry;
import dev.bascule.plan.Planner;
import dev.bascule.run.MigrationListener;
import dev.bascule.run.PreparedMigration;
import dev.bascule.sql.IncludeResolver;
import dev.bascule.sql.Script;
import dev.bascule.sql.ScriptFiles;
import dev.bascule.sql.ScriptParser;
import dev.bascule.sql.Statement;
import dev.bascule.sql.StatementKind;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code bascule trace}: validates what is to run, makes the shadow database, traces every script on it and drops
 * it again, whatever happens. What runs is the environment's pending migrations (what {@code migrate} would apply),
 * or the files given, on top of the target as it is.
 */
public final class Tracer {

    private final Database database;
    private final Settings settings;
    private final MigrationListener listener;

    public Tracer(Database database, Settings settings, MigrationListener listener) {
        this.database = database;
        this.settings = settings;
        this.listener = listener;
    }

    /**
     * Traces {@code files} (resolved against the base folder; fizz files translated) or, when none are given, the
     * pending migrations of {@code catalog}.
     *
     * @throws BasculeException.ValidationFailed listing every problem, before anything is created
     */
    public TraceReport trace(Catalog catalog, List<Path> files) {
        return trace(catalog, files, script -> true);
    }

    /**
     * As {@link #trace(Catalog, List)}, measuring only the scripts {@code measured} accepts: the others are applied to
     * the shadow database without probes (they stay out of the report unless they fail). For long histories where only
     * some files matter, such as a test that compares schema changes with the linter and not thousands of INSERTs.
     */
    public TraceReport trace(Catalog catalog, List<Path> files, java.util.function.Predicate<TraceScript> measured) {
        Target target = readTarget(catalog, files);
        if (target.toTrace().isEmpty()) {
            listener.info("nothing to trace: no pending migration");
            return new TraceReport(target.name(), "", new ShadowOrigin.NotNeeded(target.name()), target.serverVersionNum(),
                    List.of(), List.of());
        }
        ThrowawayDatabase.Copy created = ThrowawayDatabase.copyOf(database, target.name(), "trace", listener::warning);
        ThrowawayDatabase shadow = created.database();
        ShadowOrigin origin = new ShadowOrigin.TemplateCopy(target.name());
        List<MigrationTrace> traced = new ArrayList<>();
        List<String> undone = new ArrayList<>();
        try {
            if (created.whyNotACopy().isPresent()) {
                String why = created.whyNotACopy().get();
                listener.warning(Problem.of(target.name(), "trace: no template copy of " + target.name() + ": " + why
                        + "; replaying its " + target.applied().size() + " applied migration(s) on an empty shadow database instead"));
                replay(shadow, target, why);
                origin = new ShadowOrigin.Replayed(target.name(), why, target.applied().size());
            }
            listener.info("trace: shadow database " + shadow.name() + " is " + origin.describe());
            try (Connection connection = shadow.database().connect()) {
                StatementTracer tracer = new StatementTracer(TracingSession.open(connection), shadow.database(),
                        target.serverVersionNum(), sessionReset());
                for (TraceScript script : target.toTrace()) {
                    boolean measure = measured.test(script);
                    listener.info((measure ? "tracing " : "applying without probes ") + script.file());
                    MigrationTrace trace = measure ? tracer.trace(script) : tracer.applyOnly(script);
                    if (!measure && !trace.failed()) {
                        continue;
                    }
                    traced.add(trace);
                    if (trace.failed()) {
                        break;
                    }
                }
            } catch (SQLException e) {
                throw new BasculeException.MigrationFailed("trace: the shadow database " + shadow.name() + " failed: "
                        + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", null, 0, e.getSQLState(), null);
            }
        } finally {
            shadow.close();
            undone.addAll(restoreServerWideObjects(shadow, target));
        }
        return new TraceReport(target.name(), shadow.name(), origin, target.serverVersionNum(), traced, undone);
    }

    /** Roles and memberships the traced scripts changed on the server, put back (see {@link ServerWideObjects}). */
    private List<String> restoreServerWideObjects(ThrowawayDatabase shadow, Target target) {
        StringBuilder text = new StringBuilder();
        java.util.stream.Stream.concat(target.applied().stream(), target.toTrace().stream())
                .flatMap(s -> s.script().statements().stream()).forEach(s -> text.append(s.sql()).append('\n'));
        try (Connection c = shadow.maintenance().connect()) {
            List<String> said = ServerWideObjects.restore(c, target.serverWide(), text.toString());
            said.forEach(line -> {
                if (line.contains("NOT") || line.contains("could not")) {
                    listener.warning(Problem.of(target.name(), "trace: " + line));
                } else {
                    listener.info("trace: " + line);
                }
            });
            return said;
        } catch (SQLException | BasculeException e) {
            String line = "roles the traced migrations may have created could not be checked (" + e.getMessage()
                    + "): compare pg_roles with what you expect before migrating";
            listener.warning(Problem.of(target.name(), "trace: " + line));
            return List.of(line);
        }
    }

    /**
     * What was read from the target before the copy (the connection is closed by then: a template copy needs the
     * target free of sessions).
     */
    private record Target(String name, int serverVersionNum, List<TraceScript> toTrace, List<TraceScript> applied,
                          long missing, ServerWideObjects.Snapshot serverWide) {
    }

    private Target readTarget(Catalog catalog, List<Path> files) {
        List<Problem> problems = new ArrayList<>(catalog.problems());
        try (Connection c = database.connect()) {
            String name;
            int version;
            try (java.sql.Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT current_database(), current_setting('server_version_num')::int")) {
                rs.next();
                name = rs.getString(1);
                version = rs.getInt(2);
            }
            Plan plan = Planner.plan(catalog, settings.history().readAll(c),
                    new Planner.Options(settings.dev(), settings.target(), settings.allowPhaseSkip()));
            problems.addAll(plan.problems());
            List<TraceScript> toTrace = new ArrayList<>();
            if (files.isEmpty()) {
                for (Migration m : plan.toApply()) {
                    PreparedMigration.prepare(m, version, problems).ifPresent(p -> toTrace.add(scriptOf(p)));
                }
            } else {
                for (Path file : files) {
                    fileScript(file, version, problems).ifPresent(toTrace::add);
                }
            }
            if (!problems.isEmpty()) {
                throw new BasculeException.ValidationFailed(problems);
            }
            List<TraceScript> applied = new ArrayList<>();
            plan.entries().stream()
                    .filter(e -> e.migration().isPresent() && e.applied().isPresent() && e.applied().get().success()
                            && (e.state() == MigrationState.APPLIED || e.state() == MigrationState.CHANGED
                            || e.state() == MigrationState.OUTDATED))
                    .sorted(Comparator.comparingLong(e -> e.applied().map(AppliedMigration::id).orElse(0L)))
                    .map(PlanEntry::migration).map(Optional::get)
                    .forEach(m -> PreparedMigration.prepare(m, version, new ArrayList<>()).ifPresent(p -> applied.add(scriptOf(p))));
            long missing = plan.entries().stream().filter(e -> e.state() == MigrationState.MISSING).count();
            return new Target(name, version, toTrace, applied, missing, ServerWideObjects.read(c));
        } catch (SQLException e) {
            throw new BasculeException.Configuration("trace: cannot read " + database.describe() + ": " + e.getMessage(), null);
        }
    }

    private static TraceScript scriptOf(PreparedMigration prepared) {
        return new TraceScript(prepared.migration().path(), prepared.script(), prepared.migration().secret(),
                prepared.transactional());
    }

    /** A file named on the command line, split and checked the way {@code migrate} checks a migration. */
    private Optional<TraceScript> fileScript(Path file, int serverVersionNum, List<Problem> problems) {
        Path path = settings.baseDir().resolve(file);
        String shown = file.toString();
        Script script;
        try {
            String text = ScriptFiles.readUtf8(path);
            Optional<MigrationFileName> named = MigrationFileName.parse(path.getFileName().toString()).value();
            if (named.isPresent()) {
                text = ScriptFormat.sqlOf(named.get(), shown, text);
            }
            script = ScriptParser.parse(shown, text, IncludeResolver.fileSystem(settings.baseDir()));
        } catch (NoSuchFileException e) {
            problems.add(Problem.of(shown, "no such file; check the path"));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(Problem.of(shown, "cannot read: " + e.getClass().getSimpleName()));
            return Optional.empty();
        } catch (SourceSyntaxError e) {
            problems.add(new Problem(e.sourceName(), e.line(), "column " + e.column() + ": " + e.detail()));
            return Optional.empty();
        }
        boolean transactional = !script.directives().noTransaction();
        int before = problems.size();
        if (transactional) {
            for (Statement statement : script.statements()) {
                if (statement.mustRunOutsideTransaction(serverVersionNum)) {
                    problems.add(new Problem(statement.sourceName(), statement.line(), "this statement cannot run inside"
                            + " a transaction block: add '-- bascule:no-transaction' to the file's header comment"));
                } else if (statement.kind() == StatementKind.TRANSACTION_CONTROL) {
                    problems.add(new Problem(statement.sourceName(), statement.line(), "transaction control in a file"
                            + " that runs in one transaction: remove it, or add '-- bascule:no-transaction' to the header"));
                }
            }
        }
        return problems.size() == before
                ? Optional.of(new TraceScript(shown, script, settings.isSecureFile(path), transactional)) : Optional.empty();
    }

    /** Builds the shadow's schema by running the target's applied migrations, in the order history records them. */
    private void replay(ThrowawayDatabase shadow, Target target, String whyNotTemplate) {
        if (target.missing() > 0) {
            listener.warning(Problem.of(target.name(), "trace: " + target.missing() + " applied migration(s) are no longer"
                    + " in the paths and cannot be replayed; the shadow database lacks what they did"));
        }
        try (Connection c = shadow.database().connect(); java.sql.Statement st = c.createStatement()) {
            for (TraceScript script : target.applied()) {
                st.execute(sessionReset());
                c.setAutoCommit(!script.transactional());
                for (Statement statement : script.script().statements()) {
                    Optional<String> error = StatementTracer.run(c, script, statement);
                    if (error.isPresent()) {
                        throw new BasculeException.MigrationFailed("trace: " + statement.sourceName() + ":" + statement.line()
                                + ": " + error.get() + "\n  while replaying the applied migration " + script.file()
                                + " on an empty shadow database, because there is no template copy of " + target.name()
                                + " (" + whyNotTemplate + "). End those sessions and run trace again, or trace on a"
                                + " copy of the database.", statement.sourceName(), statement.line(), null, null);
                    }
                }
                if (script.transactional()) {
                    c.commit();
                }
            }
        } catch (SQLException e) {
            throw new BasculeException.MigrationFailed("trace: replaying the applied migrations on the shadow database "
                    + shadow.name() + " failed: " + e.getMessage(), null, 0, e.getSQLState(), null);
        }
    }

    /** What {@code migrate} sets before each migration: a clean session, its timeouts, its role. */
    private String sessionReset() {
        return "RESET ALL; SET lock_timeout = " + settings.lockTimeout().toMillis() + "; SET statement_timeout = "
                + settings.statementTimeout().toMillis()
                + settings.role().map(r -> "; SET ROLE " + ServerWideObjects.quote(r)).orElse("");
    }
}
