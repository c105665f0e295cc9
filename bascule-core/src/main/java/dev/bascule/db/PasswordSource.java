package dev.bascule.db;

import java.util.List;

/**
 * Produces the password for one connection attempt, for logins whose password is not a fixed secret: an AWS RDS
 * IAM token, for example, is signed for the host, port and user and expires after 15 minutes, so every
 * {@link Database#connect()} asks afresh. Implementations never log what they return.
 */
public interface PasswordSource {

    /** The password to send for {@code user} at {@code host:port}. */
    String password(String host, int port, String user);

    /**
     * The {@code sslmode} values this login needs, empty for any. When the URL sets no {@code sslmode},
     * {@link Database} uses the first of them; when it sets another one, connecting is refused.
     */
    default List<String> requiredSslModes() {
        return List.of();
    }

    /** What this source is, for messages: for example {@code "RDS IAM token (region us-east-1)"}. */
    String describe();

    /** What to check when the database refuses the password this source produced. */
    default String loginHint() {
        return "check the credentials used for " + describe();
    }
}
