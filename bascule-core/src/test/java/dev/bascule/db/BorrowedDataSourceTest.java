package dev.bascule.db;

import dev.bascule.Bascule;
import dev.bascule.error.BasculeException;
import dev.bascule.run.MigrateResult;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.MigrationFolder;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bascule on an application's {@link DataSource}: migrations run on a borrowed connection, and the pool gets it
 * back with the session it lent (search path, settings, role), with no transaction open.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class BorrowedDataSourceTest {

    /**
     * A pool as real pools behave: close() hands a connection back and it stays open for the next borrower; a new
     * physical connection, prepared with the pool's init SQL, only when none is idle.
     */
    private static final class SmallPool implements DataSource {
        final TestDatabase db;
        final String initSql;
        final List<Connection> physical = new ArrayList<>();
        final Deque<Connection> idle = new ArrayDeque<>();
        int lent;

        SmallPool(TestDatabase db, String initSql) {
            this.db = db;
            this.initSql = initSql;
        }

        @Override
        public synchronized Connection getConnection() throws SQLException {
            Connection c = idle.poll();
            if (c == null) {
                c = db.admin().connect();
                execute(c, initSql);
                physical.add(c);
            }
            lent++;
            Connection lentOut = c;
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            giveBack(lentOut);
                            return null;
                        }
                        try {
                            return method.invoke(lentOut, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        synchronized void giveBack(Connection c) {
            if (!idle.contains(c)) {
                idle.push(c);
            }
        }

        synchronized void closeAll() throws SQLException {
            for (Connection c : physical) {
                c.close();
            }
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }

        @Override
        public String toString() {
            return "SmallPool";
        }
    }

    private SmallPool pool;

    @AfterEach
    void closePool() throws SQLException {
        if (pool != null) {
            pool.closeAll();
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void migratesThroughTheDataSourceAndHandsTheSessionsBackAsLent(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE SCHEMA app");
        // What a pool's init SQL does (Hikari's connectionInitSql, say).
        pool = new SmallPool(db, "SET search_path TO app, public; SET work_mem = '8MB'");
        MigrationFolder folder = new MigrationFolder(dir.resolve("migrations"));
        folder.write("1_things.up.sql", "CREATE TABLE public.things (id int);\nSET lock_timeout = '1s';\n");
        // pg_dump output empties the search path for the rest of the session.
        folder.write("2_dumped.up.sql", "SELECT pg_catalog.set_config('search_path', '', false);\n"
                + "CREATE TABLE public.dumped (id int);\n");

        MigrateResult result = Bascule.configure().dataSource(pool).locations(folder.path()).load().migrate();

        assertThat(result.applied()).hasSize(2);
        assertThat(db.tableExists("things")).isTrue();
        assertThat(db.tableExists("dumped")).isTrue();
        assertThat(pool.lent).isGreaterThan(0);
        assertThat(pool.idle).as("every connection handed back").hasSameSizeAs(pool.physical);
        for (Connection physical : pool.physical) {
            assertThat(physical.isClosed()).isFalse();
            assertThat(physical.getAutoCommit()).isTrue();
            assertThat(query(physical, "SHOW search_path")).isEqualTo("app, public");
            assertThat(query(physical, "SHOW work_mem")).isEqualTo("8MB");
            assertThat(query(physical, "SHOW lock_timeout")).isEqualTo("0");
            assertThat(query(physical, "SHOW statement_timeout")).isEqualTo("0");
        }
    }

    @Test
    void restoresTheRoleThePoolLentAndEndsAnOpenTransaction(TestDatabase db) throws Exception {
        db.execute("CREATE ROLE pool_role; CREATE ROLE migration_role; CREATE TABLE scratch (id int);"
                + " GRANT ALL ON scratch TO pool_role, migration_role");
        pool = new SmallPool(db, "SET ROLE pool_role");
        Database database = Database.borrowing(pool, "the test pool");

        try (Connection borrowed = database.connect()) {
            execute(borrowed, "SET ROLE migration_role; SET search_path TO nowhere");
            borrowed.setAutoCommit(false);
            execute(borrowed, "INSERT INTO public.scratch VALUES (1)");
        }

        assertThat(pool.physical).hasSize(1);
        Connection physical = pool.physical.get(0);
        assertThat(query(physical, "SELECT current_user")).isEqualTo("pool_role");
        assertThat(query(physical, "SHOW search_path")).isEqualTo("\"$user\", public");
        assertThat(physical.getAutoCommit()).isTrue();
        assertThat(query(physical, "SELECT count(*) FROM scratch")).isEqualTo("0");
    }

    @Test
    void aDataSourceThatCannotConnectIsAConfigurationErrorWithoutThePassword(TestDatabase db) {
        org.postgresql.ds.PGSimpleDataSource unreachable = new org.postgresql.ds.PGSimpleDataSource();
        unreachable.setUrl("jdbc:postgresql://127.0.0.1:" + db.port() + "/" + db.name());
        unreachable.setUser("nobody_here");
        unreachable.setPassword("s3cret-pw");
        Database database = Database.borrowing(unreachable, "pool jdbc:postgresql://x/db?password=s3cret-pw");

        assertThatThrownBy(database::connect)
                .isInstanceOf(BasculeException.Configuration.class)
                .hasMessageContaining("cannot get a connection from pool jdbc:postgresql://x/db?password=****: ")
                .hasMessageNotContaining("s3cret-pw");
        assertThat(database.url()).isNull();
        assertThatThrownBy(() -> database.withPasswordSource(null)).isInstanceOf(IllegalStateException.class);
    }
}
