package dev.bascule.maven;

import dev.bascule.Bascule;
import dev.bascule.plan.Plan;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import javax.inject.Inject;

/**
 * {@code bascule:validate}: checks manifest, files, checksums and pending scripts against the database; the build
 * fails listing every problem. Nothing is applied.
 */
@Mojo(name = "validate", threadSafe = true)
public final class ValidateMojo extends AbstractBasculeMojo {

    @Inject
    public ValidateMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    void run() {
        try (Bascule bascule = open()) {
            Plan plan = bascule.validate();
            getLog().info("bascule: valid; " + plan.toApply().size() + " migration(s) pending");
        }
    }
}
