package dev.bascule.cli;

import dev.bascule.config.ConfigFile;
import dev.bascule.config.ConfigResolver;
import dev.bascule.config.EnvironmentConfig;
import dev.bascule.config.SecureStoreConfig;
import dev.bascule.error.BasculeException;
import dev.bascule.s3.Encryption;
import dev.bascule.source.SourceSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The environments of {@code bascule.yml} that have a {@code secure-store:}, for the {@code secure} commands. */
final class SecureStores {

    /** One environment's secure location and how to reach and encrypt it. */
    record Store(String environment, String location, SourceSettings settings, Encryption encryption) {
    }

    private SecureStores() {
    }

    /**
     * The stores of the named environments (space- or comma-separated), or of every environment that has one when
     * {@code names} is null or blank.
     */
    static List<Store> select(String configOption, Path workingDir, String names, String command) {
        ConfigFile file = load(configOption, workingDir, command);
        Map<String, Store> all = new LinkedHashMap<>();
        file.environments().forEach((name, env) -> {
            if (env.secureStore() != null) {
                all.put(name, store(file.path(), name, env));
            }
        });
        if (names == null || names.isBlank()) {
            if (all.isEmpty()) {
                throw new BasculeException.Configuration(command + ": no environment in " + file.path()
                        + " has a secure-store: add 'secure-store: {location: s3://bucket/prefix}' to each environment"
                        + " that keeps secure migrations");
            }
            return List.copyOf(all.values());
        }
        List<Store> chosen = new ArrayList<>();
        for (String name : Arrays.stream(names.split("[\\s,]+")).filter(s -> !s.isEmpty()).distinct().toList()) {
            if (!file.environments().containsKey(name)) {
                throw new BasculeException.Configuration(command + ": there is no environment '" + name + "' in "
                        + file.path() + "; known: " + file.environments().keySet());
            }
            Store store = all.get(name);
            if (store == null) {
                throw new BasculeException.Configuration(command + ": environment '" + name + "' in " + file.path()
                        + " has no secure-store; environments with one: " + all.keySet());
            }
            chosen.add(store);
        }
        return chosen;
    }

    private static Store store(Path file, String name, EnvironmentConfig env) {
        SecureStoreConfig config = env.secureStore().validated(file, name);
        Map<String, String> settings = config.sourceSettings(env.sourceSettings() == null ? Map.of() : env.sourceSettings());
        Encryption encryption;
        try {
            encryption = Encryption.parse(config.sse(), config.kmsKeyId());
        } catch (IllegalArgumentException e) {
            throw new BasculeException.Configuration(file + ": environments." + name + ".secure-store: " + e.getMessage());
        }
        return new Store(name, config.location(), new SourceSettings(settings), encryption);
    }

    private static ConfigFile load(String configOption, Path workingDir, String command) {
        if (configOption != null) {
            Path path = workingDir.resolve(configOption);
            if (!Files.isRegularFile(path)) {
                throw new BasculeException.Configuration(command + ": " + configOption + ": configuration file not found");
            }
            return ConfigFile.load(path, System::getenv);
        }
        return ConfigResolver.findConfigFile(workingDir).map(p -> ConfigFile.load(p, System::getenv))
                .orElseThrow(() -> new BasculeException.Configuration(command + ": no bascule.yml in " + workingDir
                        + ": secure locations are configured per environment there (or pass --config FILE)"));
    }
}
