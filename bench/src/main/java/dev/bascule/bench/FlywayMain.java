package dev.bascule.bench;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies a folder of {@code V<version>__<name>.sql} files with Flyway, the way an application's small main would.
 * Arguments: JDBC URL, user, folder. Exits non-zero when Flyway fails or applies nothing.
 */
public final class FlywayMain {

    private FlywayMain() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: FlywayMain JDBC_URL USER FOLDER (a folder of V<version>__<name>.sql files)");
            System.exit(2);
        }
        MigrateResult result = Flyway.configure()
                .dataSource(args[0], args[1], null)
                .locations("filesystem:" + args[2])
                .load()
                .migrate();
        System.out.println("flyway applied " + result.migrationsExecuted + " migration(s), success=" + result.success);
        if (!result.success || result.migrationsExecuted == 0) {
            System.err.println(args[2] + ": Flyway applied " + result.migrationsExecuted + " migration(s) (success="
                    + result.success + "); see the log above");
            System.exit(1);
        }
    }

    /** The Flyway version on the class path, from the Maven metadata inside flyway-core's jar. */
    static String flywayVersion() {
        try (java.io.InputStream in = Flyway.class.getResourceAsStream("/META-INF/maven/org.flywaydb/flyway-core/pom.properties")) {
            if (in == null) {
                return "(version unknown: flyway-core's jar has no pom.properties)";
            }
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version", "(version unknown)");
        } catch (java.io.IOException e) {
            return "(version unknown: " + e.getMessage() + ")";
        }
    }
}
