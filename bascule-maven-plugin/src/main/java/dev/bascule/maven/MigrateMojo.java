package dev.bascule.maven;

import dev.bascule.Bascule;
import dev.bascule.run.MigrateResult;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import javax.inject.Inject;

/** {@code bascule:migrate}: applies pending migrations in version order, each once and only once. */
@Mojo(name = "migrate", threadSafe = true)
public final class MigrateMojo extends AbstractBasculeMojo {

    @Inject
    public MigrateMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    void run() {
        try (Bascule bascule = open()) {
            MigrateResult result = bascule.migrate();
            if (!result.applied().isEmpty()) {
                getLog().info("bascule: applied " + result.applied().size() + " migration(s) to "
                        + bascule.settings().environment() + " (" + bascule.database().describe() + ")");
            }
        }
    }
}
