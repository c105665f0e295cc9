package dev.bascule.config;

import java.util.List;
import java.util.Map;

/**
 * The schema of one named environment of {@code bascule.yml}, as written (after {@code ${VAR}} substitution), bound
 * by Jackson. Absent values are null. This is the file's shape, not a settings type: {@link SettingsResolver} turns
 * it, the flags and the process environment into the one {@link dev.bascule.Settings}.
 *
 * @param schemas        the schemas Bascule manages ({@code reset} drops and re-creates them); default {@code public}
 * @param paths          ordered migration locations: folders, {@code file://} or {@code s3://} URIs; the first wins
 * @param manifest       manifest file; without one every {@code *.up.sql} in the paths is a migration
 * @param secure         locations (in {@code paths}) whose files are secure migrations: never shown
 * @param dev            a changed applied migration is a warning here, not an error
 * @param resettable     {@code bascule reset} may drop this environment's schemas
 * @param lockWait       how long to wait for another runner, e.g. {@code 60s}
 * @param lockTimeout    PostgreSQL lock_timeout for migration statements, e.g. {@code 10s}; {@code 0} disables it
 * @param sourceSettings settings passed to sources ({@code s3.region}, {@code s3.endpoint}, ...)
 * @param stages         ordered migration sets, each with its paths, manifest and mode (instead of paths/manifest)
 * @param preset         a ready stage list ({@code milmove}) instead of {@code stages}
 * @param root           the folder a preset's paths are under (default: the preset's, {@code migrations/app})
 * @param adopt          {@code pop}: on the first run, import Pop's {@code schema_migration} as applied history
 * @param auth           {@code password} (default: the password, {@code PGPASSWORD} or {@code ~/.pgpass}) or
 *                       {@code rds-iam} (a fresh AWS RDS IAM token per connection; SSL required)
 * @param region         AWS region of the database, for {@code auth: rds-iam}
 * @param allowExec      {@code bascule exec} may run files here without recording them (local mirrors only)
 * @param secureStore    where this environment's real secure migrations live in S3 ({@code secure-store:})
 * @param embedded       use the embedded PostgreSQL 17 (data in {@code .bascule/}) instead of a url
 * @param connectTimeout how long connecting and logging in may take, e.g. {@code 10s}
 * @param role           {@code SET ROLE} to this after connecting (objects get the application role as owner)
 * @param lockRetries    retries of a migration that hit a lock timeout or deadlock (default 5, 0 in dev)
 * @param hooks          SQL files or shell commands run before/after migrate, after each migration, on error
 * @param allowDown      {@code down} may run here without {@code --yes} (it always may in dev environments)
 * @param auditDir       where {@code -- bascule:audit} files go, relative to the working directory, like {@code tmp/} (default {@code audit})
 * @param schemaFile     the schema snapshot written after every successful migrate and down ({@code db/schema.sql})
 */
public record EnvironmentSection(String url, String user, String password, List<String> schemas, List<String> paths,
                                 String manifest, List<String> secure, Boolean dev, Boolean resettable,
                                 String historySchema, String historyTable, String lockWait, String lockTimeout,
                                 String statementTimeout, Map<String, String> sourceSettings,
                                 List<StageConfig> stages, String preset, String root, String adopt,
                                 String auth, String region, Boolean allowExec, SecureStoreConfig secureStore,
                                 Boolean embedded, String connectTimeout, String role, Integer lockRetries,
                                 HooksSection hooks, Boolean allowDown, String auditDir,
                                 String schemaFile) {

    /**
     * An environment that sets nothing (no bascule.yml): every value comes from flags, variables and defaults. Built
     * directly, not through Jackson, so a run without a configuration file never loads the YAML/JSON machinery.
     */
    public static final EnvironmentSection NONE = new EnvironmentSection(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null);
}
