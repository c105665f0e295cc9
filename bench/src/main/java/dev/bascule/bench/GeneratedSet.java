package dev.bascule.bench;

import java.nio.file.Path;

/**
 * One generated migration set in the three layouts the contenders read.
 *
 * @param basculeDir {@code <version>_<name>.up.sql} files, read by {@code bascule migrate --path}
 * @param flywayDir  the same bytes as {@code V<version>__<name>.sql}, read by Flyway's filesystem location
 * @param psqlDriver a psql script that runs each file of {@code basculeDir} between {@code BEGIN;} and {@code COMMIT;}
 * @param psqlDriverWithRunnerStatements the same driver plus, per file, the statements a runner adds (session
 *                   reset, two timeouts, a history insert), to measure what those round trips cost on their own
 * @param expected   what the database holds once every file ran
 */
public record GeneratedSet(Path basculeDir, Path flywayDir, Path psqlDriver, Path psqlDriverWithRunnerStatements,
                           ExpectedSchema expected) {
}
