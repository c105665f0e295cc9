package dev.bascule.db;

import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * An embedded PostgreSQL started for one Bascule run and stopped by {@link #close()}: only when the user asked for
 * it ({@code demo}, {@code --embedded}, {@code embedded: true}), never as a silent fallback. bascule-embedded
 * provides it, so the core does not carry PostgreSQL binaries.
 */
public interface EmbeddedServer extends AutoCloseable {

    /** The database to migrate, logged in as its superuser. */
    Database database();

    @Override
    void close();

    /** Starts servers; found with {@link ServiceLoader}. */
    interface Provider {

        /**
         * Starts (creating on first use) a server whose data lives under {@code home}, kept between runs.
         *
         * @throws dev.bascule.error.BasculeException.Configuration when it cannot start, naming its log
         */
        EmbeddedServer start(Path home);
    }

    static Optional<Provider> provider() {
        return ServiceLoader.load(Provider.class).findFirst();
    }
}
