package dev.bascule.db;

import dev.bascule.error.BasculeException;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Whatever the driver says about a URL or a login, the password in it never reaches the message. */
@ExtendWith(EmbeddedPostgresExtension.class)
class ConnectionErrorSecrecyTest {

    private static final String PW = "Pw-in-url-7731";

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:postgresql://127.0.0.1:notaport/db?password=" + PW,
            "jdbc:postgresql://127.0.0.1:99999/db?password=" + PW,
            "jdbc:postgresql://app:" + PW + "@127.0.0.1/db",
            "jdbc:postgresql://127.0.0.1:1/db?user=app&password=" + PW + "&sslmode=bogus",
            "jdbc:postgresql://127.0.0.1:1/db?password=" + PW + "&connectTimeout=x",
            "jdbc:postgresql://[::1/db?password=" + PW})
    void aMalformedOrUnreachableUrlIsAConfigurationErrorWithoutThePassword(String url) {
        Throwable thrown = catchThrowable(() -> new Database(url, "app", null, Duration.ofSeconds(2)).connect().close());
        assertThat(thrown).isInstanceOf(BasculeException.Configuration.class);
        assertThat(thrown.getMessage()).doesNotContain(PW).contains("****");
    }

    @Test
    void theDriversUnableToParseUrlIsNeverShownAndTheAdviceIsConcrete() {
        Throwable thrown = catchThrowable(() -> new Database("jdbc:postgresql://127.0.0.1:notaport/db?password=" + PW,
                null, null).connect());
        assertThat(thrown).hasMessageContaining("is not a valid jdbc:postgresql://host:port/database URL")
                .hasMessageContaining("port a number").hasMessageNotContaining("Unable to parse").hasMessageNotContaining(PW);
    }

    @Test
    void aWrongPasswordGivenAsParameterOrPropertyIsNotRepeated(TestDatabase db) {
        db.execute("CREATE ROLE secrecy_user LOGIN PASSWORD 'the-right-one-42'");
        Throwable inUrl = catchThrowable(() -> new Database(db.url() + "?password=wrong-" + PW, "secrecy_user", null).connect());
        Throwable given = catchThrowable(() -> new Database(db.url(), "secrecy_user", "wrong-" + PW).connect());
        for (Throwable t : new Throwable[]{inUrl, given}) {
            assertThat(t).isInstanceOf(BasculeException.Configuration.class)
                    .hasMessageContaining("password authentication failed").hasMessageNotContaining(PW);
        }
    }

    @Test
    void describeAndRedactMaskEveryFormOfUrlPassword() {
        assertThat(new Database("jdbc:postgresql://h/db?password=" + PW + "&x=1", "u", null).describe()).doesNotContain(PW);
        assertThat(Database.redact("postgres://app:a@b/c" + PW + "@h/db")).doesNotContain(PW).doesNotContain("a@b");
        assertThat(Database.redact("postgres://app:with space " + PW + "@h/db")).doesNotContain(PW);
    }
}
