package dev.bascule.maven;

import dev.bascule.Project;
import dev.bascule.Settings;
import dev.bascule.lint.LintOptions;
import dev.bascule.lint.LintReport;
import dev.bascule.lint.LintService;
import dev.bascule.lint.LintUsageException;
import dev.bascule.lint.format.ReportFormat;
import dev.bascule.source.Location;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import javax.inject.Inject;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code bascule:lint}: checks migration files for operations that lock, lose data or break a rolling deploy,
 * writes the findings as SARIF (for code scanning) and fails the build on an error-level finding. Needs no
 * database. Lints the configured locations' folders (secure ones never: findings quote SQL) or {@link #lintPaths}.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class LintMojo extends AbstractBasculeMojo {

    @Inject
    public LintMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /** Files or folders to lint instead of the configured locations. */
    @Parameter(property = "bascule.lintPaths")
    List<File> lintPaths;

    @Parameter(property = "bascule.sarifFile", defaultValue = "${project.build.directory}/bascule-lint.sarif")
    File sarifFile;

    /** Fail the build when a finding is an error (warnings never fail it). */
    @Parameter(property = "bascule.lint.failOnError", defaultValue = "true")
    boolean failOnError;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Project project = project();
        Settings settings = project.settings(overrides());
        Path base = workingDirectory.toPath().toAbsolutePath().normalize();
        if (lintPaths == null || lintPaths.isEmpty()) {
            settings.locations().stream().filter(l -> settings.isSecure(l) || l.localPath().isEmpty())
                    .forEach(l -> getLog().info("bascule: not linted: " + l.uri() + (settings.isSecure(l)
                            ? " (secure: findings would quote its SQL)" : " (not a local folder)")));
        }
        List<Path> paths = (lintPaths != null && !lintPaths.isEmpty()
                ? lintPaths.stream().map(File::toPath)
                : settings.locations().stream().filter(l -> !settings.isSecure(l)).map(Location::localPath)
                        .flatMap(Optional::stream))
                .map(p -> base.resolve(p).normalize()).toList();
        LintReport report;
        try {
            LintOptions options = LintOptions.builder()
                    .config(project.lintSection(), project.configFile().map(Path::toString).orElse(null))
                    .runnerSetsLockTimeout(!settings.lockTimeout().isZero())
                    .runnerSetsStatementTimeout(!settings.statementTimeout().isZero())
                    .build();
            report = new LintService(options).lintFiles(paths).relativeTo(base);
        } catch (LintUsageException | java.io.UncheckedIOException e) {
            throw new MojoExecutionException("bascule: " + e.getMessage(), e);
        }
        report.in(ReportFormat.TEXT).render().lines().forEach(line -> getLog().info(line));
        try {
            Files.createDirectories(sarifFile.toPath().toAbsolutePath().getParent());
            Files.writeString(sarifFile.toPath(), report.in(ReportFormat.SARIF).render());
        } catch (IOException e) {
            throw new MojoExecutionException("bascule: cannot write " + sarifFile + ": " + e.getMessage(), e);
        }
        long findings = report.results().stream().mapToLong(r -> r.findings().size()).sum();
        getLog().info("bascule: " + report.results().size() + " file(s) linted, " + findings
                + " finding(s); SARIF written to " + sarifFile);
        if (failOnError && report.exitCode() == LintService.EXIT_ERRORS) {
            throw new MojoFailureException("bascule: lint found error-level findings (listed above and in "
                    + sarifFile + "): fix them, or mark a statement with '-- bascule:ignore RULE' and a reason");
        }
    }
}
