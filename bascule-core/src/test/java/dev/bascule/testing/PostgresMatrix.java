package dev.bascule.testing;

import dev.bascule.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The extension behind {@link PostgresMatrixTest}: one invocation per selected PostgreSQL major, each resolving
 * {@link TestDatabase} and {@link PostgresMajor} parameters. One embedded server per major per test JVM, started on
 * first use from the binaries jar in {@link PostgresBinaries}, kept in JUnit's root store and stopped when the run
 * ends; pg_hba.conf as {@link EmbeddedPostgresExtension}'s (postgres trusted, every other role scram-sha-256).
 */
public final class PostgresMatrix implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresMatrix.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(PostgresMatrixTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        int from = context.getRequiredTestMethod().getAnnotation(PostgresMatrixTest.class).from();
        List<PostgresMajor> majors = PostgresMajor.selected().stream().filter(m -> m.number() >= from).toList();
        if (majors.isEmpty()) {
            throw new IllegalStateException("no PostgreSQL major left for this test: -D"
                    + PostgresMajor.SELECTION_PROPERTY + "=" + System.getProperty(PostgresMajor.SELECTION_PROPERTY)
                    + " and @PostgresMatrixTest(from = " + from + ")");
        }
        return majors.stream().map(Invocation::new);
    }

    /** One run of the test on one major. */
    private record Invocation(PostgresMajor major) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return major.toString();
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new Parameters(major));
        }
    }

    /** Resolves the run's {@link PostgresMajor} and a fresh {@link TestDatabase} on its server. */
    private record Parameters(PostgresMajor major) implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            return type == TestDatabase.class || type == PostgresMajor.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            if (parameter.getParameter().getType() == PostgresMajor.class) {
                return major;
            }
            EmbeddedPostgres server = context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(major, PostgresMatrix::start, EmbeddedPostgresExtension.Server.class)
                    .postgres();
            return createDatabase(server);
        }
    }

    private static TestDatabase createDatabase(EmbeddedPostgres server) {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = superuser(server); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new TestDatabase(server.getPort(), name);
    }

    private static Connection superuser(EmbeddedPostgres server) throws SQLException {
        return new Database(server.getJdbcUrl("postgres", "postgres"), "postgres", null).connect();
    }

    private static EmbeddedPostgresExtension.Server start(PostgresMajor major) {
        PostgresBinaries binaries = PostgresBinaries.locate();
        long started = System.nanoTime();
        EmbeddedPostgres server;
        try {
            File log = Files.createTempDirectory("bascule-pg" + major.number() + "-log").resolve("postgres.log").toFile();
            server = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(binaries.resolver(major))
                    .setDataDirectoryCustomizer(dir -> EmbeddedPostgresExtension.writeHba(dir.toPath()))
                    .setServerConfig("max_connections", "200")
                    // 13 still stores md5 hashes by default, which scram-sha-256 in pg_hba.conf would refuse.
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded " + major + " from " + binaries.jar(major), e);
        }
        EmbeddedPostgresExtension.Server running = new EmbeddedPostgresExtension.Server(server);
        try (Connection c = superuser(server); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            rs.next();
            if (rs.getInt(1) != major.number()) {
                throw new IllegalStateException(binaries.jar(major) + " started PostgreSQL " + rs.getInt(1) + ", not "
                        + major.number() + "; rebuild the folder with ./mvnw -pl bascule-core clean process-test-resources");
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(running, e);
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot query " + major, e);
        }
        // Start-up cost of the matrix, for the surefire report (see docs/benchmarks.md).
        System.err.printf(Locale.ROOT, "test matrix: %s (binaries %s) started in %d ms on port %d%n", major,
                binaries.version(major), (System.nanoTime() - started) / 1_000_000, server.getPort());
        return running;
    }

    private static void closeQuietly(EmbeddedPostgresExtension.Server server, Exception cause) {
        try {
            server.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
