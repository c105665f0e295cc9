package dev.bascule.maven;

import dev.bascule.error.BasculeException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** The username and password of a {@code <server>} of settings.xml, decrypted when settings-security encrypts it. */
record ServerLogin(String user, String password) {

    static final ServerLogin NONE = new ServerLogin(null, null);

    static ServerLogin of(String serverId, Settings settings, SettingsDecrypter decrypter) {
        if (serverId == null || serverId.isBlank()) {
            return NONE;
        }
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            throw new BasculeException.Configuration("serverId " + serverId + ": no <server> with this id in"
                    + " settings.xml (~/.m2/settings.xml or -s FILE): add one with <username> and <password>");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                // The problem's message names the server, never the password.
                throw new BasculeException.Configuration("serverId " + serverId + ": cannot decrypt the password in"
                        + " settings.xml: " + problem.getMessage() + ": check settings-security.xml");
            }
        }
        Server decrypted = result.getServer();
        return new ServerLogin(decrypted.getUsername(), decrypted.getPassword());
    }

    @Override
    public String toString() {
        return "ServerLogin[" + user + "]";
    }
}
