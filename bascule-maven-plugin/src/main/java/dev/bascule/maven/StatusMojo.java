package dev.bascule.maven;

import dev.bascule.Bascule;
import dev.bascule.StatusReport;
import dev.bascule.plan.Plan;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import javax.inject.Inject;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

/** {@code bascule:status}: every migration and its state, as the status table in the log (or JSON in a file). */
@Mojo(name = "status", threadSafe = true)
public final class StatusMojo extends AbstractBasculeMojo {

    @Inject
    public StatusMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /** Also write the status as JSON (the format of {@code bascule status --json}) to this file. */
    @Parameter(property = "bascule.statusFile")
    File statusFile;

    @Override
    void run() throws MojoExecutionException {
        try (Bascule bascule = open()) {
            Plan plan = bascule.status();
            StatusReport report = new StatusReport(workingDirectory.toPath());
            report.table(plan).lines().forEach(line -> getLog().info(line));
            if (statusFile != null) {
                try {
                    Files.createDirectories(statusFile.toPath().toAbsolutePath().getParent());
                    Files.writeString(statusFile.toPath(), report.json(plan));
                } catch (IOException e) {
                    throw new MojoExecutionException("bascule: cannot write " + statusFile + ": " + e.getMessage(), e);
                }
                getLog().info("bascule: status written to " + statusFile);
            }
        }
    }
}
