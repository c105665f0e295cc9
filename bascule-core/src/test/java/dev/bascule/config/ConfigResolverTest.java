package dev.bascule.config;

import dev.bascule.error.BasculeException;
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

class ConfigResolverTest {

    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();

    private ConfigResolver.Overrides flags(String environment) {
        return new ConfigResolver.Overrides(environment, null, null, null, List.of(), null, tmp);
    }

    private ConfigFile file(String yaml) throws Exception {
        Path path = Files.writeString(tmp.resolve("bascule.yml"), yaml);
        return ConfigFile.load(path, env::get);
    }

    @Test
    void nothingConfiguredMeansTheEmbeddedDatabaseInDevMode() {
        ResolvedEnvironment r = new ConfigResolver(env::get).resolve(Optional.empty(), flags(null));
        assertThat(r.database()).isEmpty();
        assertThat(r.name()).isEqualTo("embedded");
        assertThat(r.dev()).isTrue();
        assertThat(r.resettable()).isTrue();
        assertThat(r.paths()).containsExactly(tmp.resolve("migrations").toString());
    }

    @Test
    void environmentFromFileWithVariablesAndRelativePaths() throws Exception {
        env.put("DB_PASSWORD", "s3cret");
        ConfigFile f = file("default-environment: stg\nenvironments:\n  stg:\n    url: jdbc:postgresql://db:5432/app\n"
                + "    user: app\n    password: ${DB_PASSWORD}\n    paths: [schema, s3://bucket/secure]\n"
                + "    manifest: manifest.txt\n    lock-wait: 2m\n    history-table: my_history\n");
        ResolvedEnvironment r = new ConfigResolver(env::get).resolve(Optional.of(f), flags(null));
        assertThat(r.name()).isEqualTo("stg");
        assertThat(r.database().orElseThrow().describe()).isEqualTo("jdbc:postgresql://db:5432/app as app");
        assertThat(r.paths()).containsExactly(tmp.resolve("schema").toString(), "s3://bucket/secure");
        assertThat(r.manifest()).contains(tmp.resolve("manifest.txt").toString());
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
        ResolvedEnvironment r = new ConfigResolver(env::get).resolve(Optional.empty(), flags(null));
        assertThat(r.paths()).containsExactly("file:///srv/schema", "file://rel/secure");
        assertThat(r.manifest()).contains(tmp.resolve("m.txt").toString());
        assertThat(r.database().orElseThrow().url()).isEqualTo("jdbc:postgresql://dbhost:6543/appdb?sslmode=require");
        assertThat(r.database().orElseThrow().user()).isEqualTo("bob");

        ResolvedEnvironment flagged = new ConfigResolver(env::get).resolve(Optional.empty(),
                new ConfigResolver.Overrides(null, "jdbc:postgresql://other/db", "alice", null, List.of("x"), null, tmp));
        assertThat(flagged.database().orElseThrow().describe()).isEqualTo("jdbc:postgresql://other/db as alice");
        assertThat(flagged.paths()).containsExactly(tmp.resolve("x").toString());
    }

    @Test
    void libpqVariablesNameADatabase() {
        env.put("PGHOST", "pg.internal");
        env.put("PGPORT", "5433");
        env.put("PGDATABASE", "milmove");
        env.put("PGUSER", "migrator");
        env.put("PGSSLMODE", "verify-full");
        ResolvedEnvironment r = new ConfigResolver(env::get).resolve(Optional.empty(), flags(null));
        assertThat(r.database().orElseThrow().describe()).isEqualTo("jdbc:postgresql://pg.internal:5433/milmove?sslmode=verify-full as migrator");
    }

    @Test
    void mistakesAreConfigurationErrorsThatSayWhatToDo() throws Exception {
        assertThatThrownBy(() -> file("environments:\n  a:\n    password: ${NOPE}\n"))
                .isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("environments.a.password uses ${NOPE}, but that environment variable is not set");
        ConfigFile two = file("environments:\n  a:\n    url: jdbc:postgresql://x/y\n  b:\n    url: jdbc:postgresql://x/z\n");
        assertThatThrownBy(() -> new ConfigResolver(env::get).resolve(Optional.of(two), flags(null)))
                .hasMessageContaining("choose one with --env");
        assertThatThrownBy(() -> new ConfigResolver(env::get).resolve(Optional.of(two), flags("c")))
                .hasMessageContaining("there is no environment 'c'");
        ConfigFile badDuration = file("environments:\n  a:\n    url: jdbc:postgresql://x/y\n    lock-wait: soon\n");
        assertThatThrownBy(() -> new ConfigResolver(env::get).resolve(Optional.of(badDuration), flags(null)))
                .hasMessageContaining("lock-wait: 'soon' is not a duration");
        assertThatThrownBy(() -> file("environments: [unclosed\n")).hasMessageContaining("not valid YAML");
    }
}
