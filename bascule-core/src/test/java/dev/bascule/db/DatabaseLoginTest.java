package dev.bascule.db;

import dev.bascule.error.BasculeException;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Logins with a per-connection password source and with {@code .pgpass}, against the real embedded server. */
@ExtendWith(EmbeddedPostgresExtension.class)
class DatabaseLoginTest {

    /** A password source as an auth provider would build one: the password is handed out per connection. */
    private record IssuedPasswords(String secret, List<String> requiredSslModes, List<String> requests) implements PasswordSource {
        @Override
        public String password(String host, int port, String user) {
            requests.add(user + "@" + host + ":" + port);
            return secret;
        }

        @Override
        public String describe() {
            return "issued password";
        }

        @Override
        public String loginHint() {
            return "check what issued the password";
        }
    }

    private static String currentUser(Database database) throws Exception {
        try (Connection c = database.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void eachConnectionAsksThePasswordSourceForHostPortAndUser(TestDatabase db) throws Exception {
        db.execute("CREATE ROLE issued_user LOGIN PASSWORD 'pw-from-source-1'");
        IssuedPasswords source = new IssuedPasswords("pw-from-source-1", List.of(), new ArrayList<>());
        Database database = new Database(db.url(), "issued_user", null).withPasswordSource(source);

        assertThat(currentUser(database)).isEqualTo("issued_user");
        assertThat(currentUser(database)).isEqualTo("issued_user");
        assertThat(source.requests()).containsExactly("issued_user@127.0.0.1:" + db.port(), "issued_user@127.0.0.1:" + db.port());
        assertThat(database.describe()).endsWith("as issued_user (issued password)");
    }

    @Test
    void aRefusedGeneratedPasswordIsNeverPrintedAndTheHintIsTheSources(TestDatabase db) {
        db.execute("CREATE ROLE issued_user2 LOGIN PASSWORD 'the-right-one'");
        Database database = new Database(db.url(), "issued_user2", null)
                .withPasswordSource(new IssuedPasswords("generated-token-XYZ", List.of(), new ArrayList<>()));
        assertThatThrownBy(database::connect).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("password authentication failed").hasMessageContaining("check what issued the password")
                .hasMessageNotContaining("generated-token-XYZ");
    }

    @Test
    void aSourceThatNeedsSslRefusesAnUrlThatTurnsItOffBeforeAskingForAPassword(TestDatabase db) {
        IssuedPasswords source = new IssuedPasswords("unused", List.of("require", "verify-full"), new ArrayList<>());
        Database database = new Database(db.url() + "?sslmode=disable", "someone", null).withPasswordSource(source);
        assertThatThrownBy(database::connect).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("requires SSL, but the url has sslmode=disable: use sslmode=require or sslmode=verify-full");
        assertThat(source.requests()).isEmpty();
    }

    @Test
    void withoutAnSslModeTheSourcesModeIsUsed(TestDatabase db) {
        // The embedded server has no certificate: sslmode=require must make the driver give up, not fall back to clear text.
        IssuedPasswords source = new IssuedPasswords("token-never-sent-in-clear", List.of("require"), new ArrayList<>());
        Database database = new Database(db.url(), "someone", null).withPasswordSource(source);
        assertThatThrownBy(database::connect).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("cannot open an SSL connection").hasMessageContaining("needs SSL")
                .hasMessageNotContaining("token-never-sent-in-clear");
        assertThat(source.requests()).hasSize(1);
    }

    @Test
    void withoutAPasswordTheDriverReadsPgpass(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE ROLE pgpass_user LOGIN PASSWORD 'from-pgpass-77'");
        Path pgpass = Files.writeString(dir.resolve("pgpass"), "# host:port:database:user:password\n"
                + "127.0.0.1:" + db.port() + ":" + db.name() + ":pgpass_user:from-pgpass-77\n");
        String previous = System.getProperty("org.postgresql.pgpassfile");
        // pgjdbc reads PGPASSFILE, this property or ~/.pgpass, the libpq rules; the property keeps the test off $HOME.
        System.setProperty("org.postgresql.pgpassfile", pgpass.toString());
        try {
            assertThat(currentUser(new Database(db.url(), "pgpass_user", null))).isEqualTo("pgpass_user");
            Files.writeString(pgpass, "127.0.0.1:" + db.port() + ":" + db.name() + ":pgpass_user:wrong\n");
            assertThatThrownBy(() -> new Database(db.url(), "pgpass_user", null).connect())
                    .hasMessageContaining("password authentication failed").hasMessageContaining("~/.pgpass");
        } finally {
            if (previous == null) {
                System.clearProperty("org.postgresql.pgpassfile");
            } else {
                System.setProperty("org.postgresql.pgpassfile", previous);
            }
        }
    }
}
