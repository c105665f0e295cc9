package dev.bascule.testing;

import dev.bascule.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * JUnit 5 extension giving each test a fresh database on one real embedded PostgreSQL 17 per test JVM. The
 * server is kept in JUnit's root store (not a static field) and stopped when the test run ends.
 *
 * <p>pg_hba.conf is rewritten so that the superuser {@code postgres} logs in without a password while every
 * other role needs one (scram-sha-256): tests of wrong passwords are real.
 */
public final class EmbeddedPostgresExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedPostgresExtension.class);

    /** The running server, closed by JUnit at the end of the run. */
    record Server(EmbeddedPostgres postgres) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws IOException {
            postgres.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        // A @PostgresMatrixTest method gets its database from the matrix, even in a class extended with this.
        return parameter.getParameter().getType() == TestDatabase.class
                && !parameter.getDeclaringExecutable().isAnnotationPresent(PostgresMatrixTest.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Server server = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("server", k -> start(), Server.class);
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Database admin = new Database(server.postgres().getJdbcUrl("postgres", "postgres"), "postgres", null);
        try (Connection c = admin.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new TestDatabase(server.postgres().getPort(), name);
    }

    private static Server start() {
        try {
            Path logs = Files.createTempDirectory("bascule-pg-log");
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()))
                    .setServerConfig("max_connections", "200")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logs.resolve("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logs.resolve("postgres.log").toFile()))
                    .start();
            return new Server(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    static void writeHba(Path dataDir) {
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), String.join("\n",
                    "local all all trust",
                    "host all postgres 127.0.0.1/32 trust",
                    "host all postgres ::1/128 trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
