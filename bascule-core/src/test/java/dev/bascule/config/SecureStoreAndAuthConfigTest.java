package dev.bascule.config;

import dev.bascule.Overrides;
import dev.bascule.Settings;
import dev.bascule.error.BasculeException;
import dev.bascule.source.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code secure-store:}, {@code auth:}, {@code region:} and {@code allow-exec:} keys of an environment. */
class SecureStoreAndAuthConfigTest {

    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();

    private Settings resolve(String yaml, String environment) throws Exception {
        Path path = Files.writeString(tmp.resolve("bascule.yml"), yaml);
        ConfigFile file = ConfigFile.load(path);
        return new SettingsResolver(env::get).resolve(Optional.of(file), overrides(environment, null, List.of()), tmp);
    }

    private static Overrides overrides(String environment, String url, List<String> paths) {
        return new Overrides(environment, url, "u", null, paths, null, false, null, null, null, null);
    }

    @Test
    void secureStoreLocationIsSecretAndItsSettingsReachTheSources() throws Exception {
        Settings r = resolve("environments:\n  stg:\n    url: jdbc:postgresql://db/app\n"
                + "    paths: [schema, s3://app-stg/secure]\n    secure: [scrubbed]\n"
                + "    source-settings:\n      s3.access-key-id: AKID\n      s3.secret-access-key: shh\n      s3.region: eu-west-1\n"
                + "    secure-store:\n      location: s3://app-stg/secure\n      sse: aws:kms\n      kms-key-id: alias/app\n"
                + "      region: us-gov-west-1\n      endpoint: http://127.0.0.1:9000\n      path-style: true\n"
                + "      max-upload-bytes: 1000\n", "stg");
        assertThat(r.secureLocations()).containsExactly(Location.local(tmp.resolve("scrubbed")), new Location("s3", "s3://app-stg/secure"));
        assertThat(r.sourceSettings().values()).containsEntry("s3.region", "us-gov-west-1")
                .containsEntry("s3.endpoint", "http://127.0.0.1:9000").containsEntry("s3.path-style", "true")
                .containsEntry("s3.access-key-id", "AKID").containsEntry("secure.sse", "aws:kms")
                .containsEntry("secure.kms-key-id", "alias/app").containsEntry("secure.max-upload-bytes", "1000");
    }

    @Test
    void s3EntriesOfMigrationPathAreSecretLikeMilmovesSecureMigrations() {
        env.put("MIGRATION_PATH", "file:///srv/migrations/app/schema;s3://app-prd/secure-migrations");
        Settings r = new SettingsResolver(env::get).resolve(Optional.empty(),
                overrides(null, "jdbc:postgresql://db/app", List.of()), tmp);
        assertThat(r.locations()).containsExactly(Location.local(Path.of("/srv/migrations/app/schema")),
                new Location("s3", "s3://app-prd/secure-migrations"));
        assertThat(r.secureLocations()).containsExactly(new Location("s3", "s3://app-prd/secure-migrations"));

        Settings flagged = new SettingsResolver(env::get).resolve(Optional.empty(),
                overrides(null, "jdbc:postgresql://db/app", List.of("s3://b/schema")), tmp);
        assertThat(flagged.secureLocations()).isEmpty();
    }

    @Test
    void secureStoreMustBeAnS3Location() {
        assertThatThrownBy(() -> resolve("environments:\n  stg:\n    url: jdbc:postgresql://db/app\n"
                + "    secure-store:\n      location: migrations/secure\n", "stg"))
                .isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("bascule.yml: environments.stg.secure-store.location 'migrations/secure' is not an"
                        + " s3://bucket/prefix location");
        assertThatThrownBy(() -> resolve("environments:\n  stg:\n    url: jdbc:postgresql://db/app\n"
                + "    secure-store:\n      sse: AES256\n", "stg"))
                .hasMessageContaining("environments.stg.secure-store.location is missing");
        assertThatThrownBy(() -> resolve("environments:\n  stg:\n    secure-store:\n      locaton: s3://a/b\n", "stg"))
                .hasMessageContaining("unknown key 'locaton'");
    }

    @Test
    void unknownAuthIsAnErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> resolve("environments:\n  prd:\n    url: jdbc:postgresql://db/app\n    user: u\n"
                + "    auth: kerberos\n", "prd"))
                .isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("environments.prd: auth 'kerberos' is not known (known: password");
    }

    @Test
    void aPasswordBesideATokenAuthIsRefused() {
        assertThatThrownBy(() -> resolve("environments:\n  prd:\n    url: jdbc:postgresql://db/app\n    user: u\n"
                + "    password: hunter2\n    auth: rds-iam\n    region: us-east-1\n", "prd"))
                .hasMessageContaining("auth is rds-iam, so the password comes from it; remove the password key")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void passwordAuthAndAllowExecAreRead() throws Exception {
        Path path = Files.writeString(tmp.resolve("bascule.yml"), "environments:\n  local:\n    url: jdbc:postgresql://db/app\n"
                + "    auth: password\n    allow-exec: true\n  prd:\n    url: jdbc:postgresql://db/app\n");
        ConfigFile file = ConfigFile.load(path);
        assertThat(file.environment("local", env::get).allowExec()).isTrue();
        assertThat(file.environment("prd", env::get).allowExec()).isNull();
        Settings r = new SettingsResolver(env::get).resolve(Optional.of(file),
                new Overrides("local", null, null, null, List.of(), null, false, null, null, null, null), tmp);
        assertThat(r.allowExec()).isTrue();
        assertThat(r.database().orElseThrow().describe()).isEqualTo("jdbc:postgresql://db/app");
    }
}
