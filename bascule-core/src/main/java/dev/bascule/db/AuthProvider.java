package dev.bascule.db;

import java.util.Map;

/**
 * A way to log in other than a fixed password, chosen with {@code auth: NAME} in {@code bascule.yml}. Found with
 * {@link java.util.ServiceLoader}, so bascule-aws can offer {@code rds-iam} without the core knowing AWS.
 */
public interface AuthProvider {

    /** The value of {@code auth:} this provider handles, for example {@code "rds-iam"}. */
    String name();

    /**
     * A password source for one environment.
     *
     * @param region   the environment's {@code region:} (may be null)
     * @param settings the environment's source settings (AWS profile or static keys for the same account)
     * @throws IllegalArgumentException naming the missing or wrong setting
     */
    PasswordSource open(String region, Map<String, String> settings);
}
