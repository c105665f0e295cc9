package dev.bascule.run.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit files of one run ({@code migrate}, {@code task run}): where they go, and which were written, so the run
 * can list them at its end. Each migration (or task run) writes into a folder of its own through an
 * {@link AuditScope}. Files whose statement was rolled back are removed again and not listed.
 */
public final class AuditLog {

    private final Path root;
    private final Map<Path, AuditFile> written = new LinkedHashMap<>();

    /** @param root the audit folder ({@code audit-dir}), absolute */
    public AuditLog(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /**
     * The scope of one migration or task run, writing into {@code root/folder}.
     *
     * @param secret a secure migration: folder 0700 and files 0600
     */
    public AuditScope open(String folder, boolean secret) {
        return new AuditScope(this, root.resolve(folder), secret);
    }

    /** The files written and kept, in the order they were first written. */
    public synchronized List<AuditFile> files() {
        return new ArrayList<>(written.values());
    }

    synchronized void kept(AuditFile file) {
        written.merge(file.path(), file, (a, b) -> new AuditFile(a.path(), a.step(), a.rows() + b.rows(), a.countOnly()));
    }
}
