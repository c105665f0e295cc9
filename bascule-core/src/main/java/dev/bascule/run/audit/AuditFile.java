package dev.bascule.run.audit;

import java.nio.file.Path;

/**
 * One audit file a run wrote (or appended to).
 *
 * @param rows      the rows this run wrote to it (for a count-only file: the rows counted)
 * @param countOnly the file holds counts, not rows
 */
public record AuditFile(Path path, AuditStep step, long rows, boolean countOnly) {
}
