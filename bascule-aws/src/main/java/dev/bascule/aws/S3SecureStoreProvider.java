package dev.bascule.aws;

import dev.bascule.secure.SecureStore;
import dev.bascule.secure.SecureStoreProvider;
import dev.bascule.secure.StoredObject;
import dev.bascule.secure.UploadedObject;
import dev.bascule.source.Location;
import dev.bascule.source.SourceSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The {@code s3} secure store: {@link SecureMigrationStore} with the environment's encryption settings. */
public final class S3SecureStoreProvider implements SecureStoreProvider {

    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public SecureStore open(SourceSettings settings) throws IOException {
        Encryption encryption = Encryption.parse(settings.get("secure.sse", null), settings.get("secure.kms-key-id", null));
        SecureMigrationStore store = SecureMigrationStore.open(settings);
        return new S3SecureStore(store, encryption);
    }

    /** Adapts the store's S3-location API to the core's {@link SecureStore}. */
    record S3SecureStore(SecureMigrationStore store, Encryption encryption) implements SecureStore {

        @Override
        public UploadedObject upload(Path file, Location location) throws IOException {
            return store.upload(file, location.value(), encryption);
        }

        @Override
        public UploadedObject uploadEmptyPlaceholder(String name, Location location) throws IOException {
            return store.uploadEmptyPlaceholder(name, location.value(), encryption);
        }

        @Override
        public Path download(String name, Location location, Path targetDir) throws IOException {
            return store.download(name, location.value(), targetDir);
        }

        @Override
        public List<StoredObject> list(Location location) throws IOException {
            return store.list(location.value());
        }

        @Override
        public Optional<StoredObject> find(String name, Location location) throws IOException {
            return store.find(name, location.value());
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
