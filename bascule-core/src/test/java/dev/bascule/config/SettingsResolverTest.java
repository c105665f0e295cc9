package dev.bascule.config;

import dev.bascule.Overrides;
import dev.bascule.Settings;
import dev.bascule.error.BasculeException;
import dev.bascule.source.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsResolverTest {

    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();

    private Overrides flags(String environment) {
        return new Overrides(environment, null, null, null, List.of(), null, false, null, null, null, null);
    }

    private ConfigFile file(String yaml) throws Exception {
        Path path = Files.writeString(tmp.resolve("bascule.yml"), yaml);
        return ConfigFile.load(path);
    }

    private Settings resolve(Optional<ConfigFile> file, Overrides flags) {
        return new SettingsResolver(env::get).resolve(file, flags, tmp);
    }

    private static List<String> uris(List<Location> locations) {
        return locations.stream().map(Location::uri).toList();
    }

    @Test
    void nothingConfiguredNamesNoDatabaseAndNeverFallsBackToTheEmbeddedOne() {
        Settings r = resolve(Optional.empty(), flags(null));
        assertThat(r.database()).isEmpty();
        assertThat(r.embedded()).isEmpty();
        assertThat(r.environment()).isEqualTo("default");
        assertThat(r.dev()).isFalse();
        assertThat(r.locations()).containsExactly(Location.local(tmp.resolve("migrations")));
        assertThatThrownBy(r::requireDatabase).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("no database configured").hasMessageContaining("--url")
                .hasMessageContaining("DATABASE_URL").hasMessageContaining("PGHOST").hasMessageContaining("--embedded");
    }

    @Test
    void theEmbeddedDatabaseIsAnExplicitChoiceInDevMode() {
        Settings r = resolve(Optional.empty(), flags(null).withEmbedded(true));
        assertThat(r.database()).isEmpty();
        assertThat(r.embedded()).contains(tmp.resolve(".bascule"));
        assertThat(r.environment()).isEqualTo("embedded");
        assertThat(r.dev()).isTrue();
        assertThat(r.resettable()).isTrue();
    }

    @Test
    void environmentFromFileWithVariablesAndRelativePaths() throws Exception {
        env.put("DB_PASSWORD", "s3cret");
        ConfigFile f = file("default-environment: stg\nenvironments:\n  stg:\n    url: jdbc:postgresql://db:5432/app\n"
                + "    user: app\n    password: ${DB_PASSWORD}\n    paths: [schema, s3://bucket/secure]\n"
                + "    manifest: manifest.txt\n    lock-wait: 2m\n    history-table: my_history\n");
        Settings r = resolve(Optional.of(f), flags(null));
        assertThat(r.environment()).isEqualTo("stg");
        assertThat(r.database().orElseThrow().describe()).isEqualTo("jdbc:postgresql://db:5432/app as app");
        assertThat(r.locations()).containsExactly(Location.local(tmp.resolve("schema")), new Location("s3", "s3://bucket/secure"));
        assertThat(r.manifestForNewMigrations()).contains(tmp.resolve("manifest.txt").toString());
        assertThat(r.lockWait()).isEqualTo(Duration.ofMinutes(2));
        assertThat(r.history().table()).isEqualTo("my_history");
        assertThat(r.dev()).isFalse();
        assertThat(r.resettable()).isFalse();
    }

    @Test
    void flagsBeatTheFileAndMilMoveVariablesFillTheGaps() throws Exception {
        env.put("MIGRATION_PATH", "file:///srv/schema;file://rel/secure; ");
        env.put("MIGRATION_MANIFEST", "m.txt");
        env.put("DATABASE_URL", "postgres://bob:p%40ss@dbhost:6543/appdb?sslmode=require");
        Settings r = resolve(Optional.empty(), flags(null));
        assertThat(r.locations()).containsExactly(Location.local(Path.of("/srv/schema")), Location.local(tmp.resolve("rel/secure")));
        assertThat(r.manifestForNewMigrations()).contains(tmp.resolve("m.txt").toString());
        assertThat(r.database().orElseThrow().url()).isEqualTo("jdbc:postgresql://dbhost:6543/appdb?sslmode=require");
        assertThat(r.database().orElseThrow().user()).isEqualTo("bob");

        Settings flagged = resolve(Optional.empty(),
                new Overrides(null, "jdbc:postgresql://other/db", "alice", null, List.of("x"), null, false, null, null, null, null));
        assertThat(flagged.database().orElseThrow().describe()).isEqualTo("jdbc:postgresql://other/db as alice");
        assertThat(flagged.locations()).containsExactly(Location.local(tmp.resolve("x")));
    }

    @Test
    void libpqVariablesNameADatabase() {
        env.put("PGHOST", "pg.internal");
        env.put("PGPORT", "5433");
        env.put("PGDATABASE", "milmove");
        env.put("PGUSER", "migrator");
        env.put("PGSSLMODE", "verify-full");
        Settings r = resolve(Optional.empty(), flags(null));
        assertThat(r.database().orElseThrow().describe()).isEqualTo("jdbc:postgresql://pg.internal:5433/milmove?sslmode=verify-full as migrator");
    }

    @Test
    void mistakesAreConfigurationErrorsThatSayWhatToDo() throws Exception {
        ConfigFile unset = file("environments:\n  a:\n    password: ${NOPE}\n");
        assertThatThrownBy(() -> resolve(Optional.of(unset), flags(null)))
                .isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("environments.a.password uses ${NOPE}, but that environment variable is not set");
        ConfigFile two = file("environments:\n  a:\n    url: jdbc:postgresql://x/y\n  b:\n    url: jdbc:postgresql://x/z\n");
        assertThatThrownBy(() -> resolve(Optional.of(two), flags(null)))
                .hasMessageContaining("choose one with --env");
        assertThatThrownBy(() -> resolve(Optional.of(two), flags("c")))
                .hasMessageContaining("there is no environment 'c'");
        ConfigFile badDuration = file("environments:\n  a:\n    url: jdbc:postgresql://x/y\n    lock-wait: soon\n");
        assertThatThrownBy(() -> resolve(Optional.of(badDuration), flags(null)))
                .hasMessageContaining("lock-wait: 'soon' is not a duration");
        assertThatThrownBy(() -> file("environments: [unclosed\n")).hasMessageContaining("not valid YAML");
    }

    @Test
    void variablesResolveOnlyForTheEnvironmentInUse() throws Exception {
        env.put("DB_PASSWORD", "devpw");
        ConfigFile f = file("default-environment: dev\nenvironments:\n  dev:\n    url: jdbc:postgresql://127.0.0.1/app\n"
                + "    password: ${DB_PASSWORD}\n  prd:\n    url: jdbc:postgresql://db.internal/app\n"
                + "    password: ${PRD_DB_PASSWORD}\n");
        assertThat(resolve(Optional.of(f), flags(null)).environment()).isEqualTo("dev");
        assertThatThrownBy(() -> resolve(Optional.of(f), flags("prd")))
                .hasMessageContaining("environments.prd.password uses ${PRD_DB_PASSWORD}, but that environment variable is not set");
    }

    @Test
    void anEmptyConfigurationFileIsAnError() throws Exception {
        assertThatThrownBy(() -> file("")).isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("bascule.yml: the file is empty");
        assertThatThrownBy(() -> file("# only a comment\n")).hasMessageContaining("the file is empty");
    }

    @Test
    void postgresUrlsAreAcceptedWhereverAUrlIsGivenAndMalformedOnesNeverEchoThePassword() {
        Settings r = resolve(Optional.empty(), new Overrides(null, "postgres://bob:p%40ss@dbhost:6543/appdb", null, null,
                List.of(), null, false, null, null, null, null));
        assertThat(r.database().orElseThrow().describe()).isEqualTo("jdbc:postgresql://dbhost:6543/appdb as bob");
        for (String bad : List.of("postgres://app:SECRETPW@[::1", "postgres://app:SECRET%zzPW@host/db",
                "postgres://app:SECRET PW@host/db")) {
            env.put("DATABASE_URL", bad);
            assertThatThrownBy(() -> resolve(Optional.empty(), flags(null)))
                    .isInstanceOf(BasculeException.Configuration.class)
                    .hasMessageContaining("DATABASE_URL").hasMessageNotContaining("SECRET");
        }
    }

    @Test
    void aUnixSocketFolderInPghostGetsAClearMessage() {
        env.put("PGHOST", "/tmp");
        assertThatThrownBy(() -> resolve(Optional.empty(), flags(null)))
                .isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("PGHOST=/tmp is a Unix-socket folder").hasMessageContaining("PGHOST=localhost");
    }
}
