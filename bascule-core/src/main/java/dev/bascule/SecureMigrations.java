package dev.bascule;

import dev.bascule.config.ConfigFile;
import dev.bascule.config.EnvironmentSection;
import dev.bascule.config.SecureStoreConfig;
import dev.bascule.error.BasculeException;
import dev.bascule.generate.GitGuard;
import dev.bascule.generate.MigrationGenerator;
import dev.bascule.secure.SecureStore;
import dev.bascule.secure.SecureStoreProvider;
import dev.bascule.secure.StoredObject;
import dev.bascule.secure.UploadedObject;
import dev.bascule.source.Location;
import dev.bascule.source.SourceSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The real secure migrations kept in each environment's {@code secure-store:} ({@code secure upload|download|list}):
 * one object per chosen environment, encrypted at rest, never printed.
 */
public final class SecureMigrations {

    /** Where production files are downloaded to, under {@code tmp/}. */
    public static final String DOWNLOAD_FOLDER = "secure_migrations";
    public static final String REQUIRED_SUFFIX = ".up.sql";

    /** One environment's secure location. */
    public record Store(String environment, Location location, SourceSettings settings) {
        @Override
        public String toString() {
            return environment + " " + location;
        }
    }

    private final List<Store> stores;
    private final String command;
    private final Path workingDir;

    private SecureMigrations(List<Store> stores, String command, Path workingDir) {
        this.stores = List.copyOf(stores);
        this.command = command;
        this.workingDir = workingDir;
    }

    static SecureMigrations select(ConfigFile file, Function<String, String> env, String names, String command,
                                   Path workingDir) {
        Map<String, Store> all = new LinkedHashMap<>();
        for (String name : file.environments().keySet()) {
            EnvironmentSection section = file.environment(name, env);
            if (section.secureStore() != null) {
                SecureStoreConfig config = section.secureStore().validated(file.path(), name);
                Map<String, String> settings = config.sourceSettings(
                        section.sourceSettings() == null ? Map.of() : section.sourceSettings());
                all.put(name, new Store(name, Location.parse(config.location(), workingDir), new SourceSettings(settings)));
            }
        }
        if (names == null || names.isBlank()) {
            if (all.isEmpty()) {
                throw new BasculeException.Configuration(command + ": no environment in " + file.path()
                        + " has a secure-store: add 'secure-store: {location: s3://bucket/prefix}' to each environment"
                        + " that keeps secure migrations");
            }
            return new SecureMigrations(List.copyOf(all.values()), command, workingDir);
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
        return new SecureMigrations(chosen, command, workingDir);
    }

    public List<Store> stores() {
        return stores;
    }

    /** The object of that name in the store, if any. */
    public Optional<StoredObject> find(Store store, String name) {
        return call(store, s -> s.find(name, store.location()), "checking");
    }

    public List<StoredObject> list(Store store) {
        return call(store, s -> s.list(store.location()), "listing");
    }

    /**
     * Checks what {@code secure upload FILE} was given before anything is sent: a {@code *.up.sql} name, and the
     * file itself unless only an empty placeholder is uploaded.
     */
    public Path checkUpload(String file, boolean empty) {
        Path path = workingDir.resolve(file);
        String name = path.getFileName() == null ? file : path.getFileName().toString();
        if (!name.endsWith(REQUIRED_SUFFIX) || name.equals(REQUIRED_SUFFIX)) {
            throw new BasculeException.Configuration(command + ": " + file + ": only *.up.sql files can be uploaded as"
                    + " secure migrations; name it like its manifest line, for example 20240101120000_add_office_users.up.sql");
        }
        if (!empty && !Files.isRegularFile(path)) {
            throw new BasculeException.Configuration(command + ": " + file + ": no such file; give the path of the"
                    + " production file (bascule gen secure-migration writes it to tmp/)");
        }
        return path;
    }

    /**
     * Uploads the file (or an empty placeholder of its name) to every chosen store, in order. A failure names the
     * environments already done, so the user knows which to retry.
     */
    public void uploadAll(Path file, boolean empty, Consumer<UploadedTo> uploaded) {
        String name = file.getFileName().toString();
        List<String> done = new ArrayList<>();
        for (Store store : stores) {
            UploadedObject object;
            try {
                object = call(store, s -> empty ? s.uploadEmptyPlaceholder(name, store.location())
                        : s.upload(file, store.location()), "uploading");
            } catch (BasculeException.Configuration e) {
                throw new BasculeException.Configuration(e.getMessage() + (done.isEmpty() ? "; nothing was uploaded"
                        : "; already uploaded to " + String.join(", ", done) + ": after fixing it, upload again with"
                        + " --environments naming the others"), null);
            }
            done.add(store.environment());
            uploaded.accept(new UploadedTo(store, object));
        }
    }

    /** One upload done. */
    public record UploadedTo(Store store, UploadedObject object) {
    }

    /**
     * Downloads {@code name} from every chosen store into {@code tmp/secure_migrations/<env>/} (mode 0600), after
     * checking that git ignores that folder.
     */
    public void downloadAll(String name, Consumer<Path> downloaded) {
        if (name.contains("/") || name.contains("\\") || name.isBlank()) {
            throw new BasculeException.Configuration(command + ": '" + name + "' is not a file name: give the bare"
                    + " name of the migration, e.g. 20240101120000_add_office_users.up.sql");
        }
        Path tmp = downloadRoot().getParent();
        GitGuard.refuseUnlessIgnored(workingDir, tmp, downloadRoot().resolve(name), command);
        for (Store store : stores) {
            Path dir = downloadRoot().resolve(store.environment());
            downloaded.accept(call(store, s -> s.download(name, store.location(), dir), "downloading " + name + " from"));
        }
    }

    /** {@code tmp/secure_migrations} of the working directory. */
    public Path downloadRoot() {
        return workingDir.resolve(MigrationGenerator.TMP).resolve(DOWNLOAD_FOLDER);
    }

    /** One store operation. */
    private interface StoreCall<T> {
        T apply(SecureStore store) throws IOException;
    }

    /** S3 failures become configuration errors naming the environment and location. */
    private <T> T call(Store store, StoreCall<T> action, String doing) {
        SecureStoreProvider provider = SecureStoreProvider.forScheme(store.location().scheme()).orElseThrow(() ->
                new BasculeException.Configuration(command + ": environment " + store.environment() + ": no secure store"
                        + " handles " + store.location() + " (put bascule-aws on the class path for s3://)"));
        SecureStore opened;
        try {
            opened = provider.open(store.settings());
        } catch (IllegalArgumentException e) {
            throw new BasculeException.Configuration(command + ": environment " + store.environment()
                    + ": secure-store: " + e.getMessage());
        } catch (IOException e) {
            throw failed(store, doing, e);
        }
        try (SecureStore s = opened) {
            return action.apply(s);
        } catch (IOException e) {
            throw failed(store, doing, e);
        }
    }

    private static BasculeException.Configuration failed(Store store, String doing, IOException e) {
        return new BasculeException.Configuration("secure: environment " + store.environment() + ": " + doing + " "
                + store.location() + " failed: " + e.getMessage(), null);
    }
}
