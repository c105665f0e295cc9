package dev.bascule.run.audit;

import dev.bascule.error.BasculeException;
import dev.bascule.sql.Statement;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The audit files of one migration (or task run): {@code pre.csv}, {@code change.csv} and {@code post.csv} in its
 * folder. The runner tells it where its transactions commit: what was written since the last {@link #committed()}
 * belongs to work that may still roll back, and {@link #rolledBack()} removes it again (a file written anew is
 * deleted, rows appended by a batch are cut off), so the files describe only what the database kept.
 *
 * <p>A plain statement's file is written whole (replacing one an earlier attempt left). A batched {@code change}
 * appends each batch's rows, so a resumed run continues the file; its first batch starts it afresh. The rows of a
 * batch are written before the batch commits: a process killed between the two leaves that batch's rows in the
 * file although the batch rolled back, and the rerun writes them again (duplicates, never gaps).
 */
public final class AuditScope {

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");

    private final AuditLog log;
    private final Path folder;
    private final boolean secret;
    /** Files written anew since the last commit, with the rows written. */
    private final Map<Path, AuditFile> created = new LinkedHashMap<>();
    /** Files appended to since the last commit: their length before, and the rows appended. */
    private final Map<Path, Long> appendedFrom = new LinkedHashMap<>();
    private final Map<Path, AuditFile> appended = new LinkedHashMap<>();

    AuditScope(AuditLog log, Path folder, boolean secret) {
        this.log = log;
        this.folder = folder;
        this.secret = secret;
    }

    public Path folder() {
        return folder;
    }

    /**
     * Writes the rows of an audited plain statement (its result set) to its step's file; returns the rows written.
     *
     * @throws BasculeException.MigrationFailed when the file cannot be written (the statement must not commit)
     */
    public long write(Statement statement, AuditSpec spec, ResultSet rows) throws SQLException {
        Path file = folder.resolve(spec.step().fileName());
        try (Writer out = open(file, false)) {
            long count = spec.countOnly() ? AuditCsv.writeCount(out, rows, true) : AuditCsv.writeRows(out, rows, true);
            created.put(file, new AuditFile(file, spec.step(), count, spec.countOnly()));
            appendedFrom.remove(file);
            appended.remove(file);
            return count;
        } catch (IOException e) {
            throw cannotWrite(statement, file, e);
        }
    }

    /**
     * Appends one batch's RETURNING rows to {@code change.csv}; the first batch of a statement (number 1) starts the
     * file afresh. Returns the rows of the batch.
     */
    public long writeBatch(Statement statement, AuditSpec spec, long batchNumber, ResultSet rows) throws SQLException {
        Path file = folder.resolve(spec.step().fileName());
        try {
            boolean fresh = batchNumber == 1 || !Files.exists(file);
            long before = fresh ? 0 : Files.size(file);
            if (!created.containsKey(file)) {
                appendedFrom.putIfAbsent(file, fresh ? -1 : before);
            }
            boolean header = fresh || before == 0;
            long count;
            try (Writer out = open(file, !fresh)) {
                count = spec.countOnly() ? AuditCsv.writeCount(out, rows, header) : AuditCsv.writeRows(out, rows, header);
            }
            AuditFile batch = new AuditFile(file, spec.step(), count, spec.countOnly());
            Map<Path, AuditFile> into = created.containsKey(file) ? created : appended;
            into.merge(file, batch, (a, b) -> new AuditFile(file, a.step(), a.rows() + b.rows(), a.countOnly()));
            return count;
        } catch (IOException e) {
            throw cannotWrite(statement, file, e);
        }
    }

    /** Everything written so far is committed in the database: keep it, and list it at the end of the run. */
    public void committed() {
        created.values().forEach(log::kept);
        appended.values().forEach(log::kept);
        created.clear();
        appended.clear();
        appendedFrom.clear();
    }

    /** The work since the last commit was rolled back: remove what it wrote. Best effort; never throws. */
    public void rolledBack() {
        for (Path file : created.keySet()) {
            deleteQuietly(file);
        }
        appendedFrom.forEach((file, length) -> {
            if (length < 0) {
                deleteQuietly(file);
            } else {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(length);
                } catch (IOException ignored) {
                    // The file stays longer than it should; the statement's own failure is what is reported.
                }
            }
        });
        created.clear();
        appended.clear();
        appendedFrom.clear();
    }

    private Writer open(Path file, boolean append) throws IOException {
        createFolder();
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        boolean posix = Files.getFileStore(folder).supportsFileAttributeView("posix");
        FileAttribute<?>[] attributes = secret && posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)} : new FileAttribute<?>[0];
        FileChannel channel = FileChannel.open(file, options, attributes);
        if (secret && posix) {
            // A file an earlier run created keeps its mode when opened again: make it owner-only before writing.
            Files.setPosixFilePermissions(file, OWNER_FILE);
        }
        return new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8);
    }

    private void createFolder() throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        Files.createDirectories(folder.getParent());
        boolean posix = Files.getFileStore(folder.getParent()).supportsFileAttributeView("posix");
        if (secret && posix) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_FOLDER));
        } else {
            Files.createDirectories(folder);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Left behind; the statement's own failure is what is reported.
        }
    }

    private static BasculeException.MigrationFailed cannotWrite(Statement statement, Path file, IOException e) {
        return new BasculeException.MigrationFailed(statement.sourceName() + ":" + statement.line() + ": cannot write"
                + " the audit file " + file + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                : ": " + e.getMessage()) + "; the statement is not committed: make the audit folder writable"
                + " (audit-dir in bascule.yml) and run again", statement.sourceName(), statement.line(), null, e);
    }
}
