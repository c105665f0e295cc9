package dev.bascule.config;

import dev.bascule.Overrides;
import dev.bascule.Settings;
import dev.bascule.db.Database;
import dev.bascule.error.BasculeException;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connection settings as libpq users expect them: ~/.pgpass under $HOME, clear login and SSL errors, a connect limit. */
@ExtendWith(EmbeddedPostgresExtension.class)
class ConnectionSettingsTest {

    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();

    private Settings resolve(String url, String user, String connectTimeout) {
        return new SettingsResolver(env::get).resolve(Optional.empty(),
                new Overrides(null, url, user, null, List.of(), null, false, null, null, null, connectTimeout), home);
    }

    @Test
    void pgpassIsFoundUnderHomeFromTheEnvironmentAsLibpqDoes(TestDatabase db) throws Exception {
        db.execute("CREATE ROLE home_pgpass_user LOGIN PASSWORD 'pw-from-home-9'");
        Path pgpass = Files.writeString(home.resolve(".pgpass"), "# comment\nother:1:*:*:nope\n"
                + "127.0.0.1:" + db.port() + ":*:home_pgpass_user:pw-from-home-9\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        env.put("HOME", home.toString());
        Database database = resolve(db.url(), "home_pgpass_user", null).requireDatabase();
        try (Connection c = database.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT current_user")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("home_pgpass_user");
        }
        // Like libpq, a password file others can read is ignored.
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> resolve(db.url(), "home_pgpass_user", null).requireDatabase().connect())
                .isInstanceOf(BasculeException.Configuration.class);
    }

    @Test
    void aMissingPasswordSaysSoInsteadOfBlamingHostAndPort(TestDatabase db) {
        db.execute("CREATE ROLE needs_a_password LOGIN PASSWORD 'x-123'");
        env.put("HOME", home.toString());
        assertThatThrownBy(() -> resolve(db.url(), "needs_a_password", null).requireDatabase().connect())
                .isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("the server asks for a password and none was given")
                .hasMessageNotContaining("check host, port");
    }

    @Test
    void aServerWithoutSslSaysSo(TestDatabase db) {
        env.put("HOME", home.toString());
        assertThatThrownBy(() -> resolve(db.url() + "?sslmode=require", "postgres", null).requireDatabase().connect())
                .isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("does not accept SSL").hasMessageNotContaining("check host, port");
    }

    @Test
    void theConnectLimitIsASetting() {
        assertThat(resolve("jdbc:postgresql://127.0.0.1:1/x", "u", "3s").requireDatabase())
                .satisfies(d -> assertThatThrownBy(d::connect).hasMessageContaining("within 3 s"));
        assertThatThrownBy(() -> resolve("jdbc:postgresql://h/x", "u", "soon"))
                .hasMessageContaining("connect-timeout: 'soon' is not a duration");
    }
}
