package dev.bascule.secure;

import dev.bascule.source.SourceSettings;

import java.io.IOException;
import java.util.ServiceLoader;

/** Opens {@link SecureStore}s for one location scheme ({@code s3}); found with {@link ServiceLoader}. */
public interface SecureStoreProvider {

    String scheme();

    /**
     * @param settings the environment's source settings with its {@code secure-store:} keys ({@code s3.*},
     *                 {@code secure.sse}, {@code secure.kms-key-id}, {@code secure.max-upload-bytes})
     * @throws IllegalArgumentException naming a bad setting
     */
    SecureStore open(SourceSettings settings) throws IOException;

    static java.util.Optional<SecureStoreProvider> forScheme(String scheme) {
        return ServiceLoader.load(SecureStoreProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.scheme().equals(scheme)).findFirst();
    }
}
