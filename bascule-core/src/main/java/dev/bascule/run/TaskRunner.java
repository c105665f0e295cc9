package dev.bascule.run;

import dev.bascule.Settings;
import dev.bascule.catalog.Checksums;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.error.Problem;
import dev.bascule.error.SourceSyntaxError;
import dev.bascule.history.AdvisoryLock;
import dev.bascule.history.ProgressTable;
import dev.bascule.history.TaskRun;
import dev.bascule.history.TaskTable;
import dev.bascule.run.audit.AuditLog;
import dev.bascule.run.batch.BatchedScriptPlan;
import dev.bascule.sql.IncludeResolver;
import dev.bascule.sql.Script;
import dev.bascule.sql.ScriptFiles;
import dev.bascule.sql.ScriptParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bascule task run FILE}: a data script outside the deploy (seed 003's temporary rake task), run as often as
 * wanted, under the migration lock, with {@code -- bascule:batch} and {@code -- bascule:audit} honoured as in a
 * migration. Each run is a row of the tasks table beside the history table: start, end, outcome, rows changed.
 * The file runs like a migration (one transaction; statement by statement with {@code -- bascule:no-transaction};
 * in steps when it has batched statements), but records nothing in the history. A batched run that failed or was
 * killed is resumed by the next run of the same, unchanged file; a run after a successful one starts afresh.
 */
public final class TaskRunner {

    private final Database database;
    private final Settings settings;
    private final MigrationListener listener;

    public TaskRunner(Database database, Settings settings, MigrationListener listener) {
        this.database = database;
        this.settings = settings;
        this.listener = listener;
    }

    /** A task file read and parsed. {@code name} is the file relative to the working directory. */
    record TaskScript(String name, Script script, String checksum, boolean secret) {

        /** {@code tasks/<file name without .sql>}: the audit folder of its runs. */
        String auditFolder(long runId) {
            String base = Path.of(name).getFileName().toString();
            base = base.endsWith(".sql") ? base.substring(0, base.length() - 4) : base;
            return "tasks/" + base + "/" + runId;
        }
    }

    /** Every run recorded, oldest first; reads without locking or creating anything. */
    public List<TaskRun> list() {
        try (RunSession session = RunSession.open(database, settings, listener, false)) {
            return TaskTable.beside(settings.history()).readAll(session.connection());
        } catch (SQLException e) {
            throw new BasculeException.Configuration("cannot read the task runs from " + database.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Runs the file once and returns its recorded run.
     *
     * @throws BasculeException.ValidationFailed nothing ran: the file has problems (listed with file and line)
     * @throws BasculeException.MigrationFailed  a statement failed; the run is recorded as failed
     */
    public TaskRun run(Path file) {
        TaskScript task = read(file);
        AuditLog audits = new AuditLog(settings.auditDir());
        try (RunSession session = RunSession.open(database, settings, listener, true);
             AdvisoryLock ignored = AdvisoryLock.acquire(session.connection(), settings.history(), settings.lockWait(), listener::info)) {
            Connection connection = session.connection();
            List<Problem> problems = new ArrayList<>();
            PreparedMigration.checkScript(task.script(), serverVersionNum(connection), problems);
            Migrator.failOnProblems(problems);
            TaskTable tasks = TaskTable.beside(settings.history());
            tasks.ensureExists(connection);
            int interrupted = tasks.markInterrupted(connection);
            if (interrupted > 0) {
                listener.info("marked " + interrupted + " task run(s) left running by a process that died as interrupted");
            }
            ProgressTable progress = ProgressTable.beside(settings.history());
            Optional<TaskRun> resumes = resumable(connection, tasks, progress, task);
            TaskRun run = tasks.start(connection, task.name(), task.checksum(), resumes);
            listener.info("task " + task.name() + ": run " + run.id() + resumes.map(r -> " resumes the batches of run "
                    + r.id() + " (" + r.outcome().label() + ")").orElse(" starts"));
            session.beforeMigration(task.secret());
            TaskExecution execution = new TaskExecution(connection, database, listener, task, run, tasks, progress,
                    audits.open(task.auditFolder(run.id()), task.secret()));
            try {
                execution.run();
            } finally {
                if (!audits.files().isEmpty()) {
                    listener.auditFiles(audits.files());
                }
            }
            return tasks.find(connection, run.id()).orElseThrow(() -> new SQLException("task run " + run.id() + " vanished"));
        } catch (SQLException e) {
            throw new BasculeException.MigrationFailed("task " + task.name() + ": database error outside its statements at "
                    + database.describe() + ": " + e.getMessage(), task.name(), 0, e.getSQLState(), null);
        }
    }

    /** The last run of this file, when it failed or died half-way through batches of the same file: resume it. */
    private static Optional<TaskRun> resumable(Connection connection, TaskTable tasks, ProgressTable progress,
                                               TaskScript task) throws SQLException {
        if (!BatchedScriptPlan.hasBatchedStatements(task.script())) {
            return Optional.empty();
        }
        Optional<TaskRun> last = tasks.latest(connection, task.name());
        if (last.isEmpty() || !last.get().checksum().equals(task.checksum())
                || last.get().outcome() == TaskRun.Outcome.SUCCEEDED || last.get().progressKey() == null) {
            return Optional.empty();
        }
        return progress.read(connection, last.get().progressKey()).isEmpty()
                ? Optional.empty() : last;
    }

    private TaskScript read(Path file) {
        Path path = settings.baseDir().resolve(file).toAbsolutePath().normalize();
        Path base = settings.baseDir().toAbsolutePath().normalize();
        String name = path.startsWith(base) ? base.relativize(path).toString() : path.toString();
        try {
            byte[] bytes = Files.readAllBytes(path);
            Script script = ScriptParser.parse(name, ScriptFiles.decodeUtf8(name, bytes), IncludeResolver.fileSystem(base));
            return new TaskScript(name, script, Checksums.sha256(bytes), settings.isSecureFile(path));
        } catch (NoSuchFileException e) {
            throw new BasculeException.Configuration("task run: " + name + ": no such file; check the path");
        } catch (IOException e) {
            throw new BasculeException.Configuration("task run: " + name + ": cannot read: " + e.getClass().getSimpleName());
        } catch (SourceSyntaxError e) {
            throw new BasculeException.ValidationFailed(List.of(new Problem(e.sourceName(), e.line(), "column "
                    + e.column() + ": " + e.detail())));
        }
    }

    private static int serverVersionNum(Connection connection) throws SQLException {
        try (java.sql.Statement st = connection.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }
}
