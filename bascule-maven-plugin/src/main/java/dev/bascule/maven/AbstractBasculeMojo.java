package dev.bascule.maven;

import dev.bascule.Bascule;
import dev.bascule.Overrides;
import dev.bascule.Project;
import dev.bascule.error.BasculeException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import java.io.File;
import java.util.List;

/**
 * What every goal shares: the POM's configuration turned into {@link Overrides} over {@code bascule.yml} and the
 * process environment, exactly as the CLI's flags are ({@link Project#settings}), and Bascule's errors turned into
 * a failed build. The goals hold no logic of their own: each calls one method of the {@link Bascule} facade.
 */
abstract class AbstractBasculeMojo extends AbstractMojo {

    /** {@code jdbc:postgresql://host:5432/db} or {@code postgres://user@host/db}; else bascule.yml or DATABASE_URL/PG*. */
    @Parameter(property = "bascule.url")
    String url;

    @Parameter(property = "bascule.user")
    String user;

    /** Better from a property ({@code ${env.DB_PASSWORD}}) or a {@code settings.xml} server ({@link #serverId}). */
    @Parameter(property = "bascule.password")
    String password;

    /** The id of a {@code <server>} in settings.xml whose username and (possibly encrypted) password log in. */
    @Parameter(property = "bascule.serverId")
    String serverId;

    /** Migration folders (or {@code s3://}, {@code file://} locations), in order; the first holding a name wins. */
    @Parameter(property = "bascule.locations")
    List<String> locations;

    /** The manifest file listing the migrations to run. */
    @Parameter(property = "bascule.manifest")
    String manifest;

    /** The environment of bascule.yml to use (its default-environment otherwise). */
    @Parameter(property = "bascule.environment")
    String environment;

    /** The configuration file; bascule.yml (or bascule.yaml) of {@link #workingDirectory} when present otherwise. */
    @Parameter(property = "bascule.configFile")
    String configFile;

    /** How long to wait for another runner's migration lock, e.g. {@code 60s}. */
    @Parameter(property = "bascule.lockWait")
    String lockWait;

    /** PostgreSQL lock_timeout for every statement Bascule sends, e.g. {@code 10s} ({@code 0}: none). */
    @Parameter(property = "bascule.lockTimeout")
    String lockTimeout;

    /** How long connecting and logging in may take, e.g. {@code 10s}. */
    @Parameter(property = "bascule.connectTimeout")
    String connectTimeout;

    /** SET ROLE to this after connecting, so migrations create objects owned by it (as the CLI's --role). */
    @Parameter(property = "bascule.role")
    String role;

    /** Apply (or show) nothing above this version. */
    @Parameter(property = "bascule.target")
    String target;

    /** Relative locations, the manifest and bascule.yml are found from here. */
    @Parameter(property = "bascule.workingDirectory", defaultValue = "${project.basedir}")
    File workingDirectory;

    @Parameter(property = "bascule.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${settings}", readonly = true, required = true)
    Settings mavenSettings;

    private final SettingsDecrypter settingsDecrypter;

    AbstractBasculeMojo(SettingsDecrypter settingsDecrypter) {
        this.settingsDecrypter = settingsDecrypter;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("bascule: skipped (bascule.skip)");
            return;
        }
        try {
            run();
        } catch (BasculeException.Configuration e) {
            throw new MojoExecutionException("bascule: " + e.getMessage(), e);
        } catch (BasculeException e) {
            throw new MojoFailureException("bascule: " + e.getMessage(), e);
        }
    }

    abstract void run() throws MojoExecutionException, MojoFailureException;

    Project project() {
        return Project.open(workingDirectory.toPath(), configFile, System::getenv);
    }

    /** The POM's values over the settings.xml server's login, as the CLI's flags. */
    Overrides overrides() {
        ServerLogin login = ServerLogin.of(serverId, mavenSettings, settingsDecrypter);
        return new Overrides(environment, url, user != null ? user : login.user(),
                password != null ? password : login.password(), locations, manifest, false, target, lockWait,
                lockTimeout, connectTimeout, role);
    }

    /** The facade for the configured environment; close it after use. */
    Bascule open() {
        return Bascule.load(project().settings(overrides()), new MavenLogListener(getLog()));
    }
}
