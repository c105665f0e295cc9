package dev.bascule.db;

import dev.bascule.error.BasculeException;
import dev.bascule.source.SourceSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/** Applies an environment's {@code auth:} setting to a {@link Database}. */
public final class Authentication {

    public static final String PASSWORD = "password";

    private Authentication() {
    }

    /**
     * Returns {@code database} for {@code auth: password} (or none), else the database logging in through the
     * registered {@link AuthProvider} of that name.
     *
     * @param where names the configuration file and environment, for messages
     */
    public static Database apply(Database database, String auth, String region, SourceSettings settings, String where) {
        String name = auth == null ? PASSWORD : auth.strip().toLowerCase(Locale.ROOT);
        if (name.equals(PASSWORD)) {
            return database;
        }
        List<String> known = new ArrayList<>(List.of(PASSWORD));
        for (AuthProvider provider : ServiceLoader.load(AuthProvider.class)) {
            if (provider.name().equals(name)) {
                try {
                    return database.withPasswordSource(provider.open(region, settings.values()));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new BasculeException.Configuration(where + ": auth: " + name + ": " + e.getMessage(), null);
                }
            }
            known.add(provider.name());
        }
        throw new BasculeException.Configuration(where + ": auth '" + auth + "' is not known (known: "
                + String.join(", ", known) + "); rds-iam needs bascule-aws on the class path", null);
    }
}
